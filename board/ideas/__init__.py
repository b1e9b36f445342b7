"""The idea inbox (ideeënbus): ideas from every channel, perspectives, votes, comments, triage."""
