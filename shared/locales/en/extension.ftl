# The extension's background worker: its answers and errors.

## The worker's answers and errors

worker-badges-sign-in = Sign in from the extension's options to see who is already in Lever.
worker-badges-disconnected = Lever is disconnected: badges are hidden until a Lever Super Admin connects again.
worker-badges-unavailable = Lever badges unavailable: { $reason }
worker-badges-sync-off = Auto Full Profiles Sync is off: badges can't show who is in Lever.
worker-not-from-a-page = Not allowed from a web page: open the extension's options instead.
worker-staged-gone = These candidates are no longer waiting: choose them again on the page.
worker-panel-from-button = This panel opens only from the extension's own button on a ProvenBase page.
worker-not-a-provenbase-page = Only a ProvenBase page has a content script.
worker-source-page-gone = The ProvenBase page these candidates came from is gone: choose them again.
worker-profiles-unread = The ProvenBase page did not read the profiles ({ $reason }); is it still open?
worker-autosync-from-row = The auto-sync prompt follows a connect made from this page's Lever row.
worker-backend-busy = { $seconds ->
    [one] The backend is busy; try again in { $seconds } second.
   *[other] The backend is busy; try again in { $seconds } seconds.
  }
worker-backend-url-unset = Set the backend URL in the extension's options first.
worker-backend-unreachable = The backend did not answer ({ $reason }).
worker-backend-answered = The backend answered { $status }.
worker-backend-url-managed = The backend URL is set by your organisation's policy and can't be changed here.
worker-backend-url-insecure = The backend URL must start with https:// (http:// only for 127.0.0.1 or localhost).

## Names, the same in every language

product-name = ProvenBase → Lever
product-lever = Lever
