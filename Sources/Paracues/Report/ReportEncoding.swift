import Foundation

/// Serialisations of an ``AnalysisReport``.
public enum ReportEncoding {
    /// The report as one line of JSON (a JSON Lines record), keys sorted alphabetically at every level, absent values as `null`.
    public static func json(_ report: AnalysisReport, pretty: Bool = false) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        // Encoding a value type with only String/number/array fields cannot fail.
        let data = try! encoder.encode(report)
        return String(decoding: data, as: UTF8.self)
    }

    /// The frame table as CSV: a header `time_s,f0_hz,voicing,energy_dbfs,loudness,flags` and one
    /// row per frame, times on the exact hop grid (printed with 2 decimals, i.e. exactly k × 0.01).
    public static func csv(_ table: AnalysisReport.FrameTable) -> String {
        var out = "time_s,f0_hz,voicing,energy_dbfs,loudness,flags\n"
        out.reserveCapacity(48 * table.timeS.count + 64)
        for i in 0..<table.timeS.count {
            out += String(format: "%.2f,%.2f,%.3f,%.2f,%.4f,%d\n", table.timeS[i], Double(table.f0Hz[i]),
                          Double(table.voicing[i]), Double(table.energyDBFS[i]), Double(table.loudness[i]),
                          Int(table.flags[i]))
        }
        return out
    }

    /// The header line of ``egemapsCSV(file:_:header:)``: `file` and the functionals' openSMILE names.
    public static func egemapsCSVHeader(_ egemaps: EGeMAPSReport) -> String {
        "file," + egemaps.names.joined(separator: ",") + "\n"
    }

    /// eGeMAPS functionals as CSV: `file,<88 openSMILE names>` and one row for this file; empty
    /// fields where a value is not measurable. `header: false` gives the row alone.
    public static func egemapsCSV(file: String, _ egemaps: EGeMAPSReport, header: Bool = true) -> String {
        func quoted(_ s: String) -> String {
            s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var out = header ? egemapsCSVHeader(egemaps) : ""
        out += quoted(file) + "," + egemaps.values.map { $0.map { String(format: "%.6g", $0) } ?? "" }.joined(separator: ",") + "\n"
        return out
    }
}
