//! Tasks, always through the user's scope.
