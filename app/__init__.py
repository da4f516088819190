"""wiedoetwat interfaces: the chat app and the command line, thin layers over engine/."""
