"""The rules of a rotation plan: settings and presets (`settings`), policy files (`toml`),
who may rotate (`eligible`), retirement (`retirement`), where a teacher may go
(`destinations`), what schools need (`requirements`) and a roster through the years
(`timeline`)."""
