"""wiedoetwat app: retrieval, answers, chat UI and the command line."""
