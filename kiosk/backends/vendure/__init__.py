"""The Vendure adapter: GraphQL over httpx, and the local Vendure server the tests and demo start."""
