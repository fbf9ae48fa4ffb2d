// Report sheets (汇总, 红黑名单): the script's own, regenerated from the ledger each time.
import type { ReportChart, ReportSheets } from "./ports";
import { textCell } from "./cells";

export class AppsScriptReports implements ReportSheets {
  constructor(private readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {}

  write(
    name: string,
    block: ReadonlyArray<ReadonlyArray<string | number>>,
    boldRows: readonly number[],
    chart?: ReportChart,
  ): void {
    const sheet = this.ss.getSheetByName(name) ?? this.ss.insertSheet(name);
    const width = Math.max(1, ...block.map((r) => r.length));
    const data = block.map((r) => [...r, ...new Array<string>(width - r.length).fill("")]);
    sheet.clear();
    if (sheet.getMaxColumns() < width)
      sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
    if (sheet.getMaxRows() < data.length)
      sheet.insertRowsAfter(sheet.getMaxRows(), data.length - sheet.getMaxRows());
    // Percentages, dates and names stay exactly the text shown (Sheets would turn "58.3%" into 0.583).
    const range = sheet.getRange(1, 1, data.length, width);
    range.setValues(data.map((r) => r.map((v) => (typeof v === "string" ? textCell(v) : v))));
    range.setFontWeights(
      data.map((_, i) =>
        new Array<GoogleAppsScript.Spreadsheet.FontWeight>(width).fill(
          boldRows.includes(i) ? "bold" : "normal",
        ),
      ),
    );
    if (chart && sheet.getCharts().length === 0) {
      sheet.insertChart(
        sheet
          .newChart()
          .setChartType(Charts.ChartType.LINE)
          .addRange(sheet.getRange(chart.firstRow, 1, chart.rows, chart.columns))
          .setPosition(2, chart.atColumn, 0, 0)
          .setOption("title", chart.title)
          .build(),
      );
    }
  }
}
