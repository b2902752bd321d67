"""CLI subcommands; each module wires adapters for one command and registers itself in `COMMANDS`."""
