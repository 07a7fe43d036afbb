# The backend's error messages: what a person reads when a request is refused.

## Any request

error-unauthenticated = Sign in first: connect Lever (Super Admins) or redeem an invite in the extension's options.
error-too-large = The request is too large (at most { $size } MB).
error-rate-limited = { $seconds ->
    [one] Too many requests: try again in { $seconds } second.
   *[other] Too many requests: try again in { $seconds } seconds.
  }
error-store-unavailable = the store is unavailable
error-internal = something went wrong on the server
error-no-such-route = no such route
# $detail: what the JSON parser says (English).
error-body-invalid = The request body is not valid: { $detail }
# $detail: what the query parser says (English).
error-query-invalid = { $detail }

## Who may do what

# $action: configure, export or read; $role: error-role-name.
error-role-may-not = { $action ->
    [configure] Only Lever Super Admins can change the Lever integration's settings; your Lever role is { $role }.
    [export] Only Lever Super Admins, Admins, Team Members and Limited Team Members can export candidates to Lever; your Lever role is { $role }.
   *[read] Only Lever Super Admins, Admins, Team Members and Limited Team Members can use the Lever integration; your Lever role is { $role }.
  }
error-role-name = { $role ->
    [super-admin] Super Admin
    [admin] Admin
    [team-member] Team Member
    [limited-team-member] Limited Team Member
   *[interviewer] Interviewer
  }
error-role-cannot-use = { $role ->
    [super-admin] Lever Super Admins can't use the ProvenBase integration; ask your Lever Super Admin for another role.
    [admin] Lever Admins can't use the ProvenBase integration; ask your Lever Super Admin for another role.
    [team-member] Lever Team Members can't use the ProvenBase integration; ask your Lever Super Admin for another role.
    [limited-team-member] Lever Limited Team Members can't use the ProvenBase integration; ask your Lever Super Admin for another role.
   *[interviewer] Lever Interviewers can't use the ProvenBase integration; ask your Lever Super Admin for another role.
  }
error-lever-user-deactivated = Your Lever user is deactivated; ask your Lever Super Admin.
error-lever-role-unknown = Your Lever role is not one the integration knows; ask your Lever Super Admin.

## Lever's answers ($detail: Lever's own words, or an HTTP status)

error-lever-busy = Lever is busy (rate limit reached). Try again in a few seconds.
error-lever-unavailable = Lever is unavailable right now ({ $detail }). Try again shortly.
error-lever-timed-out = timed out
error-lever-no-answer = no answer
error-lever-still-refreshing = another replica is still refreshing
error-lever-unauthorized = Lever no longer accepts our access (revoked or expired)
error-lever-refused = Lever refused: { $detail }
error-lever-not-found = Lever could not find it: { $detail }
error-lever-unexpected = Lever answered something unexpected: { $detail }

## The Lever connection

error-lever-revoked = Lever access was revoked or has expired (Lever: Settings → Integrations & API → Authorized Apps). A Lever Super Admin must connect again.
error-lever-disconnected-by = Disconnected by { $name } in the integration settings.
# $reason: a reason stored by an older version (English).
error-lever-disconnected-because = { $reason }
error-lever-disconnected = Lever is disconnected.
error-lever-not-connected = Lever is not connected.
error-lever-not-connected-yet = Lever is not connected yet.
error-secret-hash = secret_hash must be the SHA-256 of the connect secret, in hex.
error-sign-in-code-invalid = This sign-in code is not valid or was already used. Connect again.
error-no-such-session = No such session.

## Invites

error-invite-not-a-user = Invite someone who is an active user of your Lever account.
error-invite-interviewer = { $name } is a Lever Interviewer; the integration is for Super Admins, Admins, Team Members and Limited Team Members.
error-no-such-invite = No open invite with that id.
error-invite-code-invalid = This invite code is not valid, was already used, or has expired. Ask your Super Admin for a new one.

## Settings

error-connect-first = Connect Lever first.
error-unknown-stage = That stage is not one of your Lever stages.
error-auto-sync-days = { $max ->
    [one] Auto Full Profiles Sync looks back 1 to { $max } day, not { $days }.
   *[other] Auto Full Profiles Sync looks back 1 to { $max } days, not { $days }.
  }
error-admin-not-active = The integration Lever admin must be an active user of your Lever account.
# $name: a Lever user's name, or error-that-user.
error-admin-deactivated = { $name } is deactivated in Lever; choose an active Super Admin, Admin or Team Member.
error-admin-cannot-create = { $name } can't create candidates in Lever; choose a Super Admin, Admin or Team Member.
error-that-user = That user
error-audit-retention = { $max ->
    [one] The audit log keeps entries 1 to { $max } day, not { $days }.
   *[other] The audit log keeps entries 1 to { $max } days, not { $days }.
  }

## Duplicate checks

error-check-too-many-candidates = { $max ->
    [one] One check takes at most { $max } candidate, not { $count }.
   *[other] One check takes at most { $max } candidates, not { $count }.
  }
error-check-too-many-keys = { $max ->
    [one] One check takes at most { $max } email, phone or LinkedIn link in all, not { $count }; check fewer candidates at a time.
   *[other] One check takes at most { $max } emails, phones and LinkedIn links in all, not { $count }; check fewer candidates at a time.
  }
# $details: some of error-check-emails, -phones, -linkedin, -name-or-company, joined by ", ".
error-check-trimmed = Some of this candidate's details are too long or too many to check ({ $details }); the rest was checked.
error-check-emails = emails
error-check-phones = phone numbers
error-check-linkedin = LinkedIn link
error-check-name-or-company = name or company

## Exports

error-task-name-required = Name the export task: the name is required.
error-task-name-too-long = { $max ->
    [one] The task name is longer than { $max } character.
   *[other] The task name is longer than { $max } characters.
  }
error-note-too-long = { $max ->
    [one] The note is longer than { $max } character.
   *[other] The note is longer than { $max } characters.
  }
error-no-resume-fields = Choose at least one resume field to include.
error-export-count = { $max ->
    [one] Export { $max } candidate at a time.
   *[other] Export 1 to { $max } candidates at a time.
  }
# $why: one of the error-export-* reasons below.
error-export-none-can-go = None of them can be exported: { $why }
error-export-locked = This candidate is locked: unlock them in ProvenBase before exporting.
error-export-no-name = This candidate has no name on ProvenBase's page, so Lever can't file them.
error-export-too-long = Some of this candidate's details are longer than 2,000 characters; fix them in ProvenBase, then export again.
error-export-too-many-keys = This candidate has more than 20 emails or phone numbers; fix them in ProvenBase, then export again.
error-export-disconnected = Lever is disconnected: a Super Admin must reconnect before exporting.
error-unknown-posting = That job is not one of your published or unlisted Lever postings.
error-no-such-export = No such export task.

## Page adapters

error-adapters-incomplete = An adapter set needs Projects, Sourcing Lab and Candidate Lake.
error-adapter-no-path = Every adapter needs at least one path_contains.
error-page-path-too-long = The page path is too long.

## Lever's webhooks

error-webhook-not-set-up = Webhooks are not set up for this organisation.
error-webhook-no-token = Webhook refused: no token.
error-webhook-no-triggered-at = Webhook refused: no triggeredAt.
error-webhook-no-signature = Webhook refused: no signature.
error-webhook-bad-key = Webhook refused: bad key.
error-webhook-bad-signature = Webhook refused: the signature does not match.
error-webhook-stale = Webhook refused: triggeredAt is too far from now.

## Metrics

error-metrics-off = Metrics are off: set PBL_METRICS_TOKEN to turn them on.
error-metrics-token = Metrics are read with the metrics token (PBL_METRICS_TOKEN) as the bearer token.

## The page that ends a connect (in the Lever tab; error- is the backend's prefix)

error-connect-title-connected = Connected to Lever
error-connect-title-failed = Lever was not connected
error-connect-close-tab = You can close this tab.
error-connect-connected = Lever is connected.
error-connect-denied = Lever access was not granted: the consent screen was declined. Nothing was connected.
error-connect-not-super-admin = Only a Lever Super Admin can connect ProvenBase to Lever. Ask a Super Admin to connect, then to invite you. Nothing was connected.
error-connect-deactivated = Your Lever account is deactivated, so it can't connect ProvenBase to Lever. Ask another Super Admin to connect, or to reactivate your account in Lever. Nothing was connected.
error-connect-account-not-allowed = This backend does not serve your Lever account. Ask whoever runs it to add the account, or use your organisation's own backend. Nothing was connected.
error-connect-expired = This Lever sign-in link has expired or was already used. Start again with Connect. Nothing was changed.
error-connect-lever-error = Lever did not complete the connection. Try again in a minute. Nothing was connected.

## Why a candidate of an export task is waiting, skipped or failed: stored with the candidate as
## a message and its arguments, and said in the language of whoever reads the task

reason-waiting-for-same-person = Waiting for another export of the same person to finish.
reason-no-integration-admin = No integration Lever admin is set: a Super Admin must choose one in the options page.
reason-already-in-lever = Already in Lever (same { $on }); skipped as asked.
reason-lever-refused = Lever refused this candidate: { $why }
reason-lever-gave-up = { $count ->
    [one] Lever did not accept it after { $count } try ({ $why }). Use Retry failed later.
   *[other] Lever did not accept it after { $count } tries ({ $why }). Use Retry failed later.
  }
reason-could-not-export = { $count ->
    [one] Could not export after { $count } try ({ $why }). Use Retry failed later.
   *[other] Could not export after { $count } tries ({ $why }). Use Retry failed later.
  }
reason-retrying = Retrying: { $why }
reason-unreadable = This candidate's stored details could not be read; export them again from ProvenBase.
reason-note-no-opportunity = Exported; Lever did not say which opportunity to add the note to.
reason-note-failed = Exported, but the note could not be added ({ $why }).
reason-note-busy = Exported, but Lever was too busy to take the note.

## Why every export of the organisation is paused (stored, said in the reader's language)

reason-paused-disconnected = Paused: Lever is disconnected. A Lever Super Admin must connect again; the export then resumes where it stopped.
reason-admin-gone = Exports are paused: the integration Lever admin is no longer a user of your Lever account. A Super Admin must choose another integration Lever admin in the extension's options (Settings); queued candidates then resume.
reason-admin-role = Exports are paused: the integration Lever admin ({ $name }) is now a Lever { $role }, who can't create candidates. A Super Admin must choose another integration Lever admin in the extension's options (Settings); queued candidates then resume.
reason-admin-deactivated = Exports are paused: the integration Lever admin ({ $name }) is deactivated in Lever. A Super Admin must choose another integration Lever admin in the extension's options (Settings); queued candidates then resume.
