package model

import "time"

// Fields returns the survey's field table: the one place a survey field is
// spelled in Go. configs/survey.yaml adds its headers and aliases (checked
// against this table at start), migration 0001 its columns (checked when
// the store migrates). Adding a field means a Response field, an entry here,
// a survey.yaml entry and a migration adding the column.
func Fields() *Table {
	t, err := NewTable(surveyFields()...)
	if err != nil {
		panic(err) // the table below is constant; TestFieldsAccess builds it
	}
	return t
}

func surveyFields() []Field {
	return []Field{
		{Key: "firm_name", Label: "기업명", Kind: KindText, Column: "firm_name", Limit: 255,
			Access: Access[string]{func(r *FirmResponse) string { return r.Response.FirmName },
				func(r *FirmResponse, v string) { r.Response.FirmName = v }}},
		{Key: "business_no", Label: "사업자등록번호", Kind: KindBusinessNo,
			Access: Access[string]{func(r *FirmResponse) string { return r.BusinessNo },
				func(r *FirmResponse, v string) { r.BusinessNo = v }}},
		{Key: "region", Label: "시도", Kind: KindRegion, Column: "region",
			Access: Access[string]{func(r *FirmResponse) string { return r.Response.Region },
				func(r *FirmResponse, v string) { r.Response.Region = v }}},
		{Key: "sigungu", Label: "시군구", Kind: KindText, Column: "sigungu", Limit: 64,
			Access: Access[string]{func(r *FirmResponse) string { return r.Response.Sigungu },
				func(r *FirmResponse, v string) { r.Response.Sigungu = v }}},
		{Key: "industry", Label: "업종", Kind: KindIndustry, Column: "industry",
			Access: Access[string]{func(r *FirmResponse) string { return r.Response.Industry },
				func(r *FirmResponse, v string) { r.Response.Industry = v }}},
		{Key: "employees", Histogram: true, Label: "종업원수", Kind: KindInteger, Unit: "명", Column: "employees",
			Access: Access[int]{func(r *FirmResponse) int { return r.Response.Employees },
				func(r *FirmResponse, v int) { r.Response.Employees, r.Response.SizeBand = v, SizeBand(v) }}},
		{Key: "size_band", Label: "종사자 규모", Kind: KindSizeBand, Column: "size_band", From: "employees",
			Access: Access[string]{func(r *FirmResponse) string { return r.Response.SizeBand },
				func(r *FirmResponse, v string) { r.Response.SizeBand = v }}},
		{Key: "revenue", Histogram: true, Label: "매출액", Kind: KindMoney, Unit: "원", Nullable: true, Column: "revenue",
			Access: Access[*int64]{func(r *FirmResponse) *int64 { return r.Response.Revenue },
				func(r *FirmResponse, v *int64) { r.Response.Revenue = v }}},
		{Key: "stage", Label: "AI도입단계", Kind: KindStage, Column: "stage",
			Access: Access[string]{func(r *FirmResponse) string { return r.Response.Stage },
				func(r *FirmResponse, v string) { r.Response.Stage = v }}},
		{Key: "use_areas", Label: "AI활용분야", Kind: KindUseAreas, Column: "response_use_areas",
			Access: Access[[]string]{useAreaCodes, setUseAreas}},
		{Key: "adoption_cost", Histogram: true, Label: "AI도입비용", Kind: KindMoney, Unit: "원", Nullable: true, Column: "adoption_cost",
			Access: Access[*int64]{func(r *FirmResponse) *int64 { return r.Response.AdoptionCost },
				func(r *FirmResponse, v *int64) { r.Response.AdoptionCost = v }}},
		{Key: "gov_support", Histogram: true, Label: "정부지원금", Kind: KindMoney, Unit: "원", Nullable: true, Column: "gov_support",
			Access: Access[*int64]{func(r *FirmResponse) *int64 { return r.Response.GovSupport },
				func(r *FirmResponse, v *int64) { r.Response.GovSupport = v }}},
		{Key: "barriers", Label: "애로사항", Kind: KindBarriers, Column: "response_barriers",
			Access: Access[[]string]{barrierCodes, setBarriers}},
		{Key: "ai_staff_current", Label: "AI인력현원", Kind: KindInteger, Unit: "명", Nullable: true,
			Column: "ai_staff_current",
			Access: Access[*int]{func(r *FirmResponse) *int { return r.Response.AIStaffCurrent },
				func(r *FirmResponse, v *int) { r.Response.AIStaffCurrent = v }}},
		{Key: "ai_staff_needed", Histogram: true, Label: "AI인력필요", Kind: KindInteger, Unit: "명", Nullable: true,
			Column: "ai_staff_needed",
			Access: Access[*int]{func(r *FirmResponse) *int { return r.Response.AIStaffNeeded },
				func(r *FirmResponse, v *int) { r.Response.AIStaffNeeded = v }}},
		{Key: "productivity_gain", Label: "생산성향상률", Kind: KindPercent, Unit: "%", Nullable: true,
			Column: "productivity_gain",
			Access: Access[*float64]{func(r *FirmResponse) *float64 { return r.Response.ProductivityGain },
				func(r *FirmResponse, v *float64) { r.Response.ProductivityGain = v }}},
		{Key: "exemplar", Label: "우수사례여부", Kind: KindBool, Column: "exemplar",
			Access: Access[bool]{func(r *FirmResponse) bool { return r.Response.Exemplar },
				func(r *FirmResponse, v bool) { r.Response.Exemplar = v }}},
		{Key: "exemplar_note", Label: "우수사례내용", Kind: KindText, Column: "exemplar_note", Limit: 2000, Lines: true,
			Access: Access[string]{func(r *FirmResponse) string { return r.Response.ExemplarNote },
				func(r *FirmResponse, v string) { r.Response.ExemplarNote = v }}},
		{Key: "exemplar_consent", Label: "사례공개동의", Kind: KindBool, Column: "exemplar_consent",
			Access: Access[bool]{func(r *FirmResponse) bool { return r.Response.ExemplarConsent },
				func(r *FirmResponse, v bool) { r.Response.ExemplarConsent = v }}},
		{Key: "weight", Label: "가중치", Kind: KindWeight, Column: "weight",
			Access: Access[float64]{func(r *FirmResponse) float64 { return r.Response.Weight },
				func(r *FirmResponse, v float64) { r.Response.Weight = v }}},
		{Key: "stratum", Label: "층", Kind: KindText, Column: "stratum", Limit: 32,
			Access: Access[string]{func(r *FirmResponse) string { return r.Response.Stratum },
				func(r *FirmResponse, v string) { r.Response.Stratum = v }}},
		{Key: "surveyed_on", Label: "조사일", Kind: KindDate, Nullable: true, Column: "surveyed_on",
			Access: Access[*time.Time]{func(r *FirmResponse) *time.Time { return r.Response.SurveyedOn },
				func(r *FirmResponse, v *time.Time) { r.Response.SurveyedOn = v }}},
	}
}

// The multi-selects are stored as child rows (ResponseUseArea, …); the
// table reads and writes them as code lists, nil staying nil.
func useAreaCodes(r *FirmResponse) []string {
	return codesOf(r.Response.UseAreas, func(a ResponseUseArea) string { return a.Code })
}

func setUseAreas(r *FirmResponse, codes []string) {
	r.Response.UseAreas = rowsOf(codes, func(c string) ResponseUseArea { return ResponseUseArea{Code: c} })
}

func barrierCodes(r *FirmResponse) []string {
	return codesOf(r.Response.Barriers, func(b ResponseBarrier) string { return b.Code })
}

func setBarriers(r *FirmResponse, codes []string) {
	r.Response.Barriers = rowsOf(codes, func(c string) ResponseBarrier { return ResponseBarrier{Code: c} })
}

func codesOf[T any](rows []T, code func(T) string) []string {
	if rows == nil {
		return nil
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = code(r)
	}
	return out
}

func rowsOf[T any](codes []string, row func(string) T) []T {
	if codes == nil {
		return nil
	}
	out := make([]T, len(codes))
	for i, c := range codes {
		out[i] = row(c)
	}
	return out
}
