"""Personal data is not edited in the configuration site: only the audited pages and API
write it. Auditors use the history pages."""
