// Report sheets (汇总, 红黑名单): the script's own, regenerated from the ledger each time.
import type { ReportCell, ReportChart, ReportSheets } from "./ports";
import { textCell } from "./cells";

export class AppsScriptReports implements ReportSheets {
  constructor(private readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {}

  write(
    name: string,
    block: ReadonlyArray<ReadonlyArray<ReportCell>>,
    boldRows: readonly number[],
    chart?: ReportChart,
  ): void {
    const sheet = this.ss.getSheetByName(name) ?? this.ss.insertSheet(name);
    const width = Math.max(1, ...block.map((r) => r.length));
    const rates: string[] = [];
    // Percentages, dates and names stay exactly the text shown (Sheets would turn "58.3%" into 0.583);
    // a rate is a number, shown as a percentage by its cell's format, so it can be sorted and charted.
    const data = block.map((r, i) => [
      ...r.map((v, j) => {
        if (typeof v !== "object") return typeof v === "string" ? textCell(v) : v;
        rates.push(String.fromCharCode(65 + j) + (i + 1));
        return v.rate;
      }),
      ...new Array<string>(width - r.length).fill(""),
    ]);
    sheet.clear();
    if (sheet.getMaxColumns() < width)
      sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
    if (sheet.getMaxRows() < data.length)
      sheet.insertRowsAfter(sheet.getMaxRows(), data.length - sheet.getMaxRows());
    const range = sheet.getRange(1, 1, data.length, width);
    range.setValues(data);
    if (rates.length) sheet.getRangeList(rates).setNumberFormat("0.0%");
    range.setFontWeights(
      data.map((_, i) =>
        new Array<GoogleAppsScript.Spreadsheet.FontWeight>(width).fill(
          boldRows.includes(i) ? "bold" : "normal",
        ),
      ),
    );
    // Drawn again each time: a chart's range is fixed when it is made, and the weeks grow.
    if (chart) {
      for (const old of sheet.getCharts()) sheet.removeChart(old);
      sheet.insertChart(
        sheet
          .newChart()
          .setChartType(Charts.ChartType.LINE)
          .addRange(sheet.getRange(chart.firstRow, 1, chart.rows, chart.columns))
          .setPosition(2, chart.atColumn, 0, 0)
          .setOption("title", chart.title)
          // The last series is the cumulative rate (a fraction): on its own axis, in percent.
          .setOption("series", { [chart.columns - 2]: { targetAxisIndex: 1 } })
          .setOption("vAxes", { 1: { format: "percent" } })
          .build(),
      );
    }
  }
}
