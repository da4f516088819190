"""wiedoetwat eval: question sets, runs, metrics and reports."""
