# The backend's error messages: what a person reads when a request is refused.
