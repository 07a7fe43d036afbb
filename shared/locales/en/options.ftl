# The extension's options page.

options-title = ProvenBase → Lever · Options

## The page

options-worker-checking = Checking the background worker…
options-worker-ready = Background worker ready (version { $version })
options-worker-silent = Background worker not answering: { $reason }
options-save = Save
options-sign-out = Sign out
options-choose-lever-user = Choose a Lever user
options-days-range = Enter a number of days from 1 to { $max }.

## Backend

options-backend-heading = Backend
options-backend-url = Backend URL
options-backend-saved = Saved.
options-backend-managed = Set by your organisation's policy.
options-backend-checking = Checking the backend…

## Lever account

options-connect = Connect Lever
options-disconnect = Disconnect
options-loading = Loading…
options-no-backend = Set the backend URL above first.
options-not-signed-in = Not signed in.
options-connect-hint = Lever Super Admins: connect your Lever account.
options-connected-as = Connected to Lever as { $name }
options-disconnected = Disconnected. { $reason }
options-signed-in-as = Signed in as { $name } ({ $role })

## Join with an invite code

options-join-heading = Join with an invite code
options-join-code = Invite code
options-join = Join
options-join-code-missing = Paste the invite code your Super Admin gave you.

## Integration settings

options-settings-heading = Integration settings
options-settings-loading = Loading settings…
options-settings-read-only = Read-only: only Lever Super Admins can change these settings; your Lever role is { $role }.
options-settings-saved = Settings saved.
options-default-stage = Default stage
options-default-stage-lever = Lever's default (New lead)
options-integration-admin = Integration Lever admin
options-auto-sync = Auto Full Profiles Sync
options-auto-sync-days = Days to check for duplicates
options-tag-exports = Tag exported candidates in Lever with “ProvenBase” and the project or page they came from
options-save-settings = Save settings

## Profile sync

options-sync-off = Auto Full Profiles Sync is off: badges can't show who is already in Lever.
options-sync-synced = { $count ->
    [one] { $count } Lever profile
   *[other] { $count } Lever profiles
  } from the last { $days ->
    [one] day
   *[other] { $days } days
  }, last synced { $ago }.
options-sync-never = { $count ->
    [one] { $count } Lever profile
   *[other] { $count } Lever profiles
  } from the last { $days ->
    [one] day
   *[other] { $days } days
  }, not synced yet.
options-sync-failed = Last attempt failed: { $reason }
options-sync-now = Sync now
options-sync-done = Lever profiles synced.

## Lever webhooks

options-webhook-help = Lever webhooks (optional, keeps badges live): in Lever, Settings → Integrations → Webhooks, send stage, archive, hire and deletion events to { $url }, then paste Lever's signature token here.
options-webhook-token = Signature token
options-webhook-token-set = Signature token (set; enter a new one to replace it)
options-webhook-save = Save token
options-webhook-saved = Webhook signature token saved.

## Invites

options-invites-heading = Invites
options-invites-loading = Loading invites…
options-invite-choose = Choose the Lever user to invite.
options-invite-who = Invite a Lever user
options-invite-create = Create invite
options-invite-code-for = Invite code for { $name } (shown once):
options-invite-copy = Copy
options-invite-revoke = Revoke
options-invite-open = open
options-invite-used = used
options-invite-revoked = revoked
options-invite-expired = expired

## Page adapters

options-adapters-heading = ProvenBase page adapters
options-adapters-loading = Loading page adapters…
options-adapters-saved = Page adapters saved: open pages pick them up within a minute.
options-adapters-reset = Back to the built-in page adapters.
options-adapters-custom = Using your organisation's page adapters (version { $version }).
options-adapters-built-in = Using the built-in page adapters (version { $version }).
options-adapters-json = Page adapters (JSON)
options-adapters-save = Save page adapters
options-adapters-use-built-in = Use built-in
options-adapters-empty-heading = Pages where no candidates were found
options-adapters-none-reported = None reported.
options-adapters-empty-page = { $page } · { $path } · adapters v{ $version } · reported by { $who }
options-adapters-invalid = The adapters are not valid JSON of page adapters: { $reason }

## Signed-in sessions

options-sessions-heading = Signed-in sessions
options-sessions-loading = Loading sessions…
options-sessions-this-browser = this browser

## Audit log

options-audit-heading = Audit log
options-audit-loading = Loading the audit log…
options-audit-retention = Keep entries for (days)
options-audit-kept = { $days ->
    [one] The audit log now keeps { $days } day.
   *[other] The audit log now keeps { $days } days.
  }
options-audit-when = When
options-audit-who = Who
options-audit-what = What
options-audit-someone = someone
options-audit-member = member
options-audit-a-candidate = a candidate
options-audit-lever-connected = Connected Lever
options-audit-lever-disconnected = Disconnected Lever
options-audit-lever-revoked = Lever access was revoked
options-audit-settings-changed = Changed the integration settings
options-audit-webhook-token-changed = Changed the webhook signature token
options-audit-adapters-changed = Changed the page adapters
options-audit-invite-created = Invited { $whom }
options-audit-invite-revoked = Revoked an invite
options-audit-invite-redeemed = Joined ({ $role })
options-audit-member-role-changed = { $whom } is now a { $role } in Lever
options-audit-member-deactivated = { $whom } was deactivated in Lever; sessions ended
options-audit-export-created = { $count ->
    [one] Started the export task "{ $name }" ({ $count } candidate)
   *[other] Started the export task "{ $name }" ({ $count } candidates)
  }
options-audit-export-candidate = Export of { $whom }: { $outcome }
options-audit-export-job = job { $job }
options-audit-export-stage = stage { $stage }
options-audit-exports-paused = Exports paused: { $reason }
options-audit-exports-resumed = Exports resumed
