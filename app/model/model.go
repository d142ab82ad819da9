// Package model holds the vocabulary every axdash package shares: the stored
// survey records (GORM structs) and the shapes that travel between the
// importer, the store, the figure catalogue and the web layer.
package model

import "time"

// Wave is one survey round, such as "2026-H1".
type Wave struct {
	ID        int64     `gorm:"primaryKey" json:"id"`
	Name      string    `gorm:"uniqueIndex;size:64;not null" json:"name"`
	CreatedAt time.Time `json:"created_at"`
	// The survey period, when one was given (import --period).
	PeriodStart *time.Time `gorm:"type:date" json:"period_start,omitempty"`
	PeriodEnd   *time.Time `gorm:"type:date" json:"period_end,omitempty"`
	// Synthetic marks generated demo data: never cited, never compared
	// with a real wave unless the user picks it.
	Synthetic bool `gorm:"not null;default:false" json:"synthetic"`
	// Agency (조사기관) and Note (the sample design note) say where the
	// wave came from; "" when not recorded.
	Agency string `gorm:"size:255;not null;default:''" json:"agency"`
	Note   string `gorm:"column:design_note;size:2000;not null;default:''" json:"note"`
}

// Import records one workbook loaded into a wave, kept for audit.
type Import struct {
	ID        int64     `gorm:"primaryKey" json:"id"`
	WaveID    int64     `gorm:"index;not null" json:"wave_id"`
	FileName  string    `gorm:"size:255;not null" json:"file"`
	Format    string    `gorm:"size:16;not null" json:"format"`
	SHA256    string    `gorm:"column:sha256;uniqueIndex;size:64;not null" json:"sha256"`
	Sheet     string    `gorm:"size:255" json:"sheet"`
	HeaderRow int       `json:"header_row"`
	Rows      int       `gorm:"column:row_count" json:"rows"`
	Valid     int       `gorm:"column:valid_count" json:"valid"`
	Stored    int       `gorm:"column:stored_count" json:"stored"`
	Skipped   int       `gorm:"column:skipped_count" json:"skipped"`
	Status    string    `gorm:"size:16;not null" json:"status"`
	CreatedAt time.Time `json:"created_at"`
}

// Firm is a company; the business number links it across waves.
type Firm struct {
	ID         int64   `gorm:"primaryKey"`
	BusinessNo *string `gorm:"uniqueIndex;size:10"`
	Name       string  `gorm:"size:255;not null"`
}

// Response is one firm's answers in one wave. Money is in 원.
type Response struct {
	ID               int64    `gorm:"primaryKey"`
	WaveID           int64    `gorm:"index;not null"`
	ImportID         int64    `gorm:"index;not null"`
	FirmID           int64    `gorm:"index;not null"`
	SourceRow        int      `gorm:"not null"`
	FirmName         string   `gorm:"size:255;not null"`
	Region           string   `gorm:"size:2;not null"`
	Sigungu          string   `gorm:"size:64"`
	Industry         string   `gorm:"size:1;not null"`
	Employees        int      `gorm:"not null"`
	SizeBand         string   `gorm:"size:8;not null"`
	Revenue          *int64   ``
	Stage            string   `gorm:"size:8;not null"`
	AdoptionCost     *int64   ``
	GovSupport       *int64   ``
	AIStaffCurrent   *int     `gorm:"column:ai_staff_current"`
	AIStaffNeeded    *int     `gorm:"column:ai_staff_needed"`
	ProductivityGain *float64 ``
	Exemplar         bool     `gorm:"not null"`
	ExemplarNote     string   `gorm:"size:2000"`
	// Stratum is the sampling stratum the file gives the firm (층), which
	// replaces 시도 × size band under survey.yaml's design.strata: column;
	// empty when the file has none or the row was stored before it existed.
	Stratum string `gorm:"size:32;not null;default:''"`
	// ExemplarConsent is the firm's consent to publish its case (사례공개
	// 동의); missing is no consent.
	ExemplarConsent bool       `gorm:"not null"`
	Weight          float64    `gorm:"not null"`
	SurveyedOn      *time.Time `gorm:"type:date"`
	// RecordKey is the response's permanent random key ([0, 2³¹), drawn
	// when it is stored): the disclosure control's cell keys add them up.
	RecordKey int               `gorm:"not null"`
	UseAreas  []ResponseUseArea `gorm:"foreignKey:ResponseID"`
	Barriers  []ResponseBarrier `gorm:"foreignKey:ResponseID"`
}

// FirmResponse is one parsed survey row together with the business number
// that identifies its firm across waves (empty when the row has none).
type FirmResponse struct {
	Response   Response
	BusinessNo string
	// Findings are the row's data-quality warnings (rules.yaml), stored
	// with the row; a row with an error finding never reaches the store.
	Findings []Issue `json:",omitempty"`
}

// ResponseUseArea is one selected AI use area of a response (multi-select,
// stored one row per choice so that shares are plain SQL aggregates).
type ResponseUseArea struct {
	ResponseID int64  `gorm:"primaryKey"`
	Code       string `gorm:"primaryKey;size:16"`
}

// ResponseBarrier is one barrier named by a response.
type ResponseBarrier struct {
	ResponseID int64  `gorm:"primaryKey"`
	Code       string `gorm:"primaryKey;size:16"`
}

// Stages in survey order; Adopted reports whether a stage counts as adopted.
var Stages = []string{"미도입", "검토", "시범도입", "도입", "확산"}

// Adopted is true for the stages the design counts as adoption (도입, 확산).
func Adopted(stage string) bool { return stage == "도입" || stage == "확산" }

// SizeBands are the employee bands in display order.
var SizeBands = []string{"1-9", "10-49", "50-99", "100-299", "300+"}

// SizeBand maps an employee count to its band.
func SizeBand(employees int) string {
	switch {
	case employees < 10:
		return "1-9"
	case employees < 50:
		return "10-49"
	case employees < 100:
		return "50-99"
	case employees < 300:
		return "100-299"
	default:
		return "300+"
	}
}
