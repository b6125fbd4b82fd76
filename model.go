package voicesched

import "github.com/voicesched/voicesched/model"

// The wire model lives in package model (see its doc); its names are
// re-exported here so that callers of the engine need one import.
type (
	EntityInfo            = model.EntityInfo
	CustomerBreadcrumb    = model.CustomerBreadcrumb
	Tag                   = model.Tag
	TagColors             = model.TagColors
	IntegrationData       = model.IntegrationData
	EntityIntegrationData = model.EntityIntegrationData
	BillingItem           = model.BillingItem
	BillingSettings       = model.BillingSettings
	AppSettings           = model.AppSettings
	CustomerInfo          = model.CustomerInfo
	PatchCustomer         = model.PatchCustomer
	Value                 = model.Value
	Struct                = model.Struct
	Schedule              = model.Schedule
	SchedulingRule        = model.SchedulingRule
	ScheduleDay           = model.ScheduleDay
	Frequency             = model.Frequency
	RuleType              = model.RuleType
	DayOfWeek             = model.DayOfWeek
	Endpoint              = model.Endpoint
	Tree                  = model.Tree
	Problem               = model.Problem
	Problems              = model.Problems
	Severity              = model.Severity
)

// Opt is model.Opt: a patch member that tells absent, null and a value apart.
type Opt[T any] = model.Opt[T]

// Some returns an Opt holding v.
func Some[T any](v T) Opt[T] { return model.Some(v) }

// Null returns an Opt that is present as JSON null.
func Null[T any]() Opt[T] { return model.Null[T]() }

// The severities of a Problem.
const (
	SeverityError   = model.SeverityError
	SeverityWarning = model.SeverityWarning
)

// The problem codes (see package model for what each means).
const (
	CodeUnknownZone        = model.CodeUnknownZone
	CodeBadDate            = model.CodeBadDate
	CodeBadTime            = model.CodeBadTime
	CodeEnumOutOfRange     = model.CodeEnumOutOfRange
	CodeEmptyState         = model.CodeEmptyState
	CodeBadCondition       = model.CodeBadCondition
	CodeBadRecurrence      = model.CodeBadRecurrence
	CodeTooManyRules       = model.CodeTooManyRules
	CodeAllDayTooFine      = model.CodeAllDayTooFine
	CodeIgnoredField       = model.CodeIgnoredField
	CodeCountAndUntil      = model.CodeCountAndUntil
	CodeUntilAtMidnight    = model.CodeUntilAtMidnight
	CodeEmptyStartDate     = model.CodeEmptyStartDate
	CodeInheritOnRoot      = model.CodeInheritOnRoot
	CodeNoParentState      = model.CodeNoParentState
	CodeEmptyCustomerState = model.CodeEmptyCustomerState
	CodeUntilBeforeStart   = model.CodeUntilBeforeStart
	CodeTooManyProblems    = model.CodeTooManyProblems
	CodeScheduleTooLarge   = model.CodeScheduleTooLarge

	CodeIgnoredByRuleType   = model.CodeIgnoredByRuleType
	CodeOneWindowAtEpoch    = model.CodeOneWindowAtEpoch
	CodeRuleEnded           = model.CodeRuleEnded
	CodeRuleNeverOpens      = model.CodeRuleNeverOpens
	CodeFixedOffsetZone     = model.CodeFixedOffsetZone
	CodeZoneSpelling        = model.CodeZoneSpelling
	CodeNoDefaultState      = model.CodeNoDefaultState
	CodeDuplicateRuleID     = model.CodeDuplicateRuleID
	CodeInheritWithRules    = model.CodeInheritWithRules
	CodeRuleAfterAlways     = model.CodeRuleAfterAlways
	CodeShadowedRule        = model.CodeShadowedRule
	CodeConstantCondition   = model.CodeConstantCondition
	CodeSkipsShortMonths    = model.CodeSkipsShortMonths
	CodeLeapDayOnly         = model.CodeLeapDayOnly
	CodeFifthWeekday        = model.CodeFifthWeekday
	CodeHolidaysEnding      = model.CodeHolidaysEnding
	CodeClosureEnded        = model.CodeClosureEnded
	CodeUnknownParentState  = model.CodeUnknownParentState
	CodeSeveralValueMembers = model.CodeSeveralValueMembers

	CodeNull           = model.CodeNull
	CodeEmptyID        = model.CodeEmptyID
	CodeInvalidID      = model.CodeInvalidID
	CodeDuplicateID    = model.CodeDuplicateID
	CodeEmptyName      = model.CodeEmptyName
	CodeParentNotFound = model.CodeParentNotFound
	CodeParentLoop     = model.CodeParentLoop
	CodeTooDeep        = model.CodeTooDeep
	CodeDataTooLarge   = model.CodeDataTooLarge
	CodeDataNotATree   = model.CodeDataNotATree
	CodeInvalidTree    = model.CodeInvalidTree
	CodeBadTree        = model.CodeBadTree
	CodeUnknownTag     = model.CodeUnknownTag
	CodeTooManyTags    = model.CodeTooManyTags
	CodeNotACustomer   = model.CodeNotACustomer
	CodePatchRefused   = model.CodePatchRefused
	// Warnings particular to patches (PreviewPatch).
	CodePatchDropsRules        = model.CodePatchDropsRules
	CodePatchDropsZone         = model.CodePatchDropsZone
	CodePatchDropsDefaultState = model.CodePatchDropsDefaultState
	CodePatchForcesClosed      = model.CodePatchForcesClosed
	CodePatchMoveChangesZone   = model.CodePatchMoveChangesZone
	CodeBadJSON                = model.CodeBadJSON
	CodeWrongType              = model.CodeWrongType
	CodeBadValue               = model.CodeBadValue
	CodeBadNumber              = model.CodeBadNumber
	CodeUnknownMember          = model.CodeUnknownMember
	CodeUnknownKind            = model.CodeUnknownKind
)
