// Linich Wurkje: progressive enhancement only; every page works without it.
