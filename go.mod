module github.com/voicesched/voicesched

go 1.26

require (
	github.com/arran4/golang-ical v0.3.4
	github.com/expr-lang/expr v1.17.8
	github.com/rickar/cal/v2 v2.1.13
	github.com/stretchr/testify v1.12.1
	github.com/teambition/rrule-go v1.8.2
)

require go.yaml.in/yaml/v3 v3.0.5 // indirect
