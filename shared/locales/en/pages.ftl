# The extension's popup, export dialog, task manager, task popover, Lever row and auto-sync prompt.

## Pieces several pages share: the backend's state, the toast, the Lever controls

ui-backend-not-configured = No backend set yet: enter its URL in the options.
ui-backend-reachable = Backend reachable (version { $version })
ui-backend-unreachable = Backend unreachable: { $reason }
ui-dismiss = Dismiss
ui-connect-restarted = The extension restarted while Lever was open. Click Connect again.
ui-connect-timeout = Lever's consent was not completed in time. Click Connect again.
ui-connected = Lever integration authorized successfully.
ui-disconnected = Lever disconnected. Settings and history are kept.
ui-disconnect-question = Disconnect Lever for everyone?
ui-disconnect-detail = Exports pause and badges hide until a Super Admin connects again.
ui-cancel = Cancel
ui-disconnect = Disconnect

## The toolbar popup

popup-checking = Checking…
popup-signed-out = Not signed in: connect Lever or join with an invite code in the options.
popup-signed-in = Signed in as { $name } ({ $role })
popup-lever-connected = Lever connected
popup-lever-connected-by = Lever connected by { $name }
popup-lever-disconnected = Lever is disconnected.
popup-sync-off = Auto Full Profiles Sync is off: badges can't show who is in Lever.
popup-sync-not-yet = { $days ->
    [one] Auto Full Profiles Sync is on ({ $days } day); not synced yet.
   *[other] Auto Full Profiles Sync is on ({ $days } days); not synced yet.
  }
popup-sync-done = { $count ->
    [one] { $count } Lever profile indexed; synced { $ago }.
   *[other] { $count } Lever profiles indexed; synced { $ago }.
  }
popup-not-a-page = This tab is not a ProvenBase candidate page.
popup-recent = Recent exports
popup-task-counts = { $ago } · { $exported } exported, { $failed } failed, { $left } waiting
popup-task-manager = Task manager
popup-options = Options

## The export dialog

dialog-no-candidates = No candidates were handed over.
dialog-loading = Loading…
dialog-close = Close
dialog-cancel = Cancel
dialog-export-to = Export to
dialog-reading-profiles = { $count ->
    [one] Reading { $count } profile page on ProvenBase…
   *[other] Reading { $count } profile pages on ProvenBase…
  }
dialog-checking = Checking who is already in Lever…
dialog-export-candidates = { $count ->
    [one] Export { $count } candidate
   *[other] Export { $count } candidates
  }
dialog-fields = Resume fields to include
dialog-next = Next
dialog-choose-field = Choose at least one resume field.
dialog-profiles-unread = { $count ->
    [one] { $count } profile page could not be read: their resumes go without what only the profile shows.
   *[other] { $count } profile pages could not be read: their resumes go without what only the profile shows.
  }
dialog-profiles-failed = Profile pages could not be read ({ $reason }): the resumes go without what only the profile shows.
dialog-export-to-lever = Export to Lever
dialog-job-optional = Job (optional)
dialog-search-jobs = Search jobs
dialog-job = Job
dialog-no-job = No job
dialog-job-unlisted = { $job } (unlisted)
dialog-stage = Stage
dialog-resume-format = Resume format
dialog-task-name = Export task name (required)
dialog-name-required = Name the export task: the name is required.
dialog-note = Note for Lever (optional)
dialog-note-placeholder = Added to each exported candidate's profile in Lever
dialog-export = Export
dialog-in-lever = { $count ->
    [one] { $count } candidate in Lever
   *[other] { $count } candidates in Lever
  }
dialog-skip = Skip them
dialog-add-opportunity = Add a new opportunity to each existing profile
dialog-possible = { $count ->
    [one] { $count } candidate possibly in Lever (same name and company)
   *[other] { $count } candidates possibly in Lever (same name and company)
  }
dialog-skip-until-reviewed = Skip them until I review them
dialog-export-possible = I checked: export them as new candidates
dialog-on-the-way = { $count ->
    [one] { $count } candidate already on the way to Lever is left out.
   *[other] { $count } candidates already on the way to Lever are left out.
  }
dialog-nothing-left = Nothing left to export

## The export dialog's duplicate prompt and notes (shared::prompt)

prompt-unavailable-summary = ProvenBase's cards don't show summary for these candidates, so the resume can't include it.
prompt-unavailable-experience = ProvenBase's cards don't show experience for these candidates, so the resume can't include it.
prompt-unavailable-education = ProvenBase's cards don't show education for these candidates, so the resume can't include it.
prompt-locked = { $count ->
    [one] { $names } is locked and is left out: unlock them in ProvenBase to export them.
   *[other] { $count } locked candidates are left out ({ $names }): unlock them in ProvenBase to export them.
  }
prompt-and-more = and { $count } more
prompt-unknown-stage = unknown stage
prompt-in-lever = in Lever · { $stage } (same { $on })
prompt-in-lever-archived = in Lever · archived · { $stage } (same { $on })
prompt-possible = possibly { $name } in Lever · { $stage } (same { $on })
prompt-exporting = being exported in “{ $task }” by { $name }
prompt-line = { $name }: { $why }
prompt-title-all = { $total ->
    [0] No candidate is in Lever
    [1] This candidate is already in Lever
    [2] Both are already in Lever
   *[other] All { $total } are already in Lever
  }
prompt-title-all-maybe = { $total ->
    [0] No candidate is in Lever
    [1] This candidate may already be in Lever
    [2] Both may already be in Lever
   *[other] All { $total } may already be in Lever
  }
prompt-title-some = { $count ->
    [one] { $count } of { $total } is already in Lever
   *[other] { $count } of { $total } are already in Lever
  }
prompt-title-some-maybe = { $count } of { $total } may already be in Lever

## Resume fields

field-name = Name
field-title = Title
field-company = Company
field-emails = Emails
field-phones = Phones
field-location = Location
field-links = Links
field-summary = Summary
field-skills = Skills
field-experience = Experience
field-education = Education

## Lever access roles

role-super-admin = Super Admin
role-admin = Admin
role-team-member = Team Member
role-limited-team-member = Limited Team Member
role-interviewer = Interviewer

## Where an export task stands

state-waiting = Waiting
state-running = Exporting
state-paused = Paused
state-done = Done
state-done-with-failures = Done with failures
state-cancelled = Cancelled

## The task manager

tasks-title = Lever export tasks
tasks-show = Show
tasks-filter-all = All candidates
tasks-filter-waiting = Waiting
tasks-filter-exported = Exported
tasks-filter-skipped = Skipped
tasks-filter-failed = Failed
tasks-filter-cancelled = Cancelled
tasks-loading = Loading export tasks…
tasks-empty = No exports yet.
tasks-by = by { $name }
tasks-took = took { $duration }
tasks-counts = { $exported } exported, { $skipped } skipped, { $failed } failed, { $left } waiting
tasks-counts-cancelled = , { $count } cancelled
tasks-progress = { $name } progress
tasks-retry = Retry failed
tasks-cancel-waiting = Cancel the waiting ones
tasks-candidate = Candidate
tasks-state = State
tasks-why = Why
tasks-in-lever = In Lever
tasks-open-in-lever = Open in Lever
tasks-item-queued = Queued
tasks-item-exporting = Exporting
tasks-item-exported = Exported
tasks-item-skipped = Skipped
tasks-item-failed = Failed
tasks-item-cancelled = Cancelled

## The task popover above the bar

popover-title = Recent exports
popover-loading = Loading…
popover-empty = No exports yet.
popover-progress = { $name } progress
popover-counts = { $exported } exported · { $skipped } skipped · { $failed } failed · { $left } waiting
popover-show-all = Show All

## The Lever row on ProvenBase's Profile & Password page

row-checking = Checking…
row-not-connected = Not connected
row-connected-as = Connected as { $name }
row-disconnected = Disconnected. { $reason }
row-connect = Connect
row-disconnect = Disconnect

## The auto-sync prompt after connecting

autosync-title = Sync Lever profiles?
autosync-text = Auto Full Profiles Sync copies your Lever profiles so ProvenBase can show who is already in Lever on Sourcing Lab, Projects and Candidate Lake.
autosync-days = Number of days to check for duplicates
autosync-days-range = Enter a number of days from 1 to { $max }.
autosync-no = No
autosync-yes = Yes
autosync-on = { $days ->
    [one] Auto Full Profiles Sync is on: checking the last { $days } day of Lever profiles.
   *[other] Auto Full Profiles Sync is on: checking the last { $days } days of Lever profiles.
  }
autosync-off = Auto Full Profiles Sync is off.

## Durations (relative times come from the browser's Intl.RelativeTimeFormat)

time-seconds = { $seconds } s
time-minutes = { $minutes } min
time-hours = { $hours } h { $minutes } min
