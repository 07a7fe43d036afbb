# What the extension says inside ProvenBase's pages: the bar, badges, chips, toasts and the titles
# of its frames. The worker sends these messages to the content script (`shared::words`), so they
# use only text, variables, and choices on a number or a text.

-brand = ProvenBase to Lever

## ProvenBase's pages, as its menu names them

page-projects = Projects
page-sourcing-lab = Sourcing Lab
page-candidate-lake = Candidate Lake
page-profile-settings = Profile & Password

## The bar

bar-label = { -brand }
bar-summary-no-list = No candidates on this page
bar-summary-looking = Looking for candidates…
bar-summary-none = No candidates found on { $page }
bar-summary = { $count ->
    [one] { $count } candidate on { $page }
   *[other] { $count } candidates on { $page }
  }
bar-summary-locked = { $count ->
    [one] { $count } candidate on { $page } ({ $locked } locked)
   *[other] { $count } candidates on { $page } ({ $locked } locked)
  }
bar-matches = { $exact } in Lever, { $possible } possible
bar-export-selected = Export selected ({ $count })
bar-tasks = Export tasks
bar-tasks-button = ☰ Tasks
bar-show = Show { -brand }
bar-hide = Hide
bar-move-left = Move to the left corner
bar-move-right = Move to the right corner

## Toasts on the bar

export-choose = Choose at least one candidate to export.
export-all-locked = { $count ->
    [0] Choose at least one candidate to export.
    [1] { $name } is locked: unlock them in ProvenBase to export.
    [2] Both chosen candidates are locked: unlock them in ProvenBase to export.
   *[other] All { $count } chosen candidates are locked: unlock them in ProvenBase to export.
  }
export-in-progress = Export in progress: { $task }. Follow it under Tasks.

## The titles of the extension's frames in the page

frame-export = Export to Lever
frame-popover = Recent exports
frame-autosync = Lever auto sync
frame-row = Lever integration

## A card's chips and button

card-export = Export to Lever
card-locked = Locked · unlock to export
card-locked-title = Locked candidates have no contact details; unlock them in ProvenBase to export.

## Badges

badge-off = Lever check off
badge-off-title = Auto Full Profiles Sync is disabled, so the extension can't tell who is already in Lever. A Super Admin can turn it on in the extension's options.
badge-in-lever = In Lever · { $stage }
badge-stage-unknown = unknown stage
badge-archived = Archived · { $stage }
badge-exporting = Exporting to Lever
badge-exporting-title = Being exported in the task “{ $task }” by { $by } (same { $on }).
badge-possible = Possible match · { $name }
badge-possible-title = Same { $on } as { $name }: check before exporting. { $details }
badge-details = { $name } in Lever, matched on { $on }; updated { $updated }
badge-details-owner = { $name } in Lever, matched on { $on }, owned by { $owner }; updated { $updated }
badge-none = Not in Lever
badge-none-title = No Lever profile matches this candidate.
badge-locked = Can't check while locked
badge-locked-title = Locked candidates have no contact details to look for in Lever; unlock them in ProvenBase.
badge-no-contacts = Can't check: no email, phone or LinkedIn
badge-no-contacts-title = This card shows no email, phone or LinkedIn profile, so nothing can be looked for in Lever.

## What a match was found on

match-email = email
match-linkedin = LinkedIn profile
match-phone = phone
match-name-company = name and company
