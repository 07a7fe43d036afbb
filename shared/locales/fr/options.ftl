# The extension's options page.
