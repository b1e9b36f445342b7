"""The audit log: sign-ins, permission denials and every administrative change."""
