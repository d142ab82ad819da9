package storetest

import "axdash/app/model"

// Exemplar is one exemplar firm of a test wave.
type Exemplar struct {
	Name, BusinessNo, Region, UseArea, Note string
	Consent                                 bool
}

// ExemplarRows are the firms as exemplar responses (manufacturing, 10–49
// staff, AI adopted), then others responses that are not exemplars, in
// 서울 and 부산 by turns, each with a note naming 챗봇 that no exemplar
// search may find.
func ExemplarRows(firms []Exemplar, others int) []model.FirmResponse {
	var rows []model.FirmResponse
	for _, f := range firms {
		rows = append(rows, model.FirmResponse{BusinessNo: f.BusinessNo, Response: model.Response{FirmName: f.Name,
			Region: f.Region, Industry: "C", Employees: 12, SizeBand: "10-49", Stage: "도입", Weight: 1, Exemplar: true,
			ExemplarNote: f.Note, ExemplarConsent: f.Consent, UseAreas: []model.ResponseUseArea{{Code: f.UseArea}}}})
	}
	for i := range others {
		rows = append(rows, model.FirmResponse{Response: model.Response{FirmName: "챗봇 아님", Region: []string{"11", "26"}[i%2],
			Industry: "C", Employees: 12, SizeBand: "10-49", Stage: "미도입", Weight: 1, ExemplarNote: "챗봇"}})
	}
	return rows
}

// NewExemplar is an Exemplar with every field, in the struct's order.
func NewExemplar(name, businessNo, region, useArea, note string, consent bool) Exemplar {
	return Exemplar{Name: name, BusinessNo: businessNo, Region: region, UseArea: useArea, Note: note, Consent: consent}
}
