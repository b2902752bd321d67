"""Developer tools driving the real UI: the bench driver and the screenshot tour."""
