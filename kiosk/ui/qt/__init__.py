"""Qt plumbing: application and engine set-up, event loop, runner, GC, bridges, filters, image providers."""
