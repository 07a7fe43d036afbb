# The extension's popup, export dialog, task manager, task popover, Lever row and auto-sync prompt.
