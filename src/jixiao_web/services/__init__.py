"""Domain operations of the web application: every state change is one function here, in one
transaction, with the acting user explicit and an audit-log row. Views and the API only call these."""
