"""People, sign-in, sessions, password reset links and single sign-on."""
