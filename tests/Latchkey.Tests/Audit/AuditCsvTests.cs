using System.Globalization;
using CsvHelper;
using Latchkey.Core.Audit;

namespace Latchkey.Tests.Audit;

/// <summary>The audit CSV export: RFC 4180 through CsvHelper, and no cell a spreadsheet would run as a formula.</summary>
public sealed class AuditCsvTests
{
    private static readonly Guid _id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "a,b")]
    [InlineData("say \"hi\"", "say \"hi\"")]
    [InlineData("two\nlines", "two\nlines")]
    [InlineData("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("a=b", "a=b")]
    [InlineData("x;=1+1", "x;'=1+1")]
    [InlineData("x,=1+1", "x,'=1+1")]
    [InlineData("x; =1+1", "x; '=1+1")]
    [InlineData("'=1+2;=HYPERLINK(\"http://evil\")", "'=1+2;'=HYPERLINK(\"http://evil\")")]
    [InlineData("a;@b,+c;-d", "a;'@b,'+c;'-d")]
    public async Task Export_TextCell_RoundTripsDefused(string value, string expected)
    {
        var csv = await ExportAsync(Event(detail: value, userAgent: value));

        var rows = Read(csv);

        rows[1][10].ShouldBe(expected);
        rows[1][9].ShouldBe(expected);
        foreach (var cell in rows[1])
        {
            foreach (var part in cell.Split([';', ','], StringSplitOptions.None).Select(p => p.TrimStart(' ')))
            {
                (part.Length > 0 && part[0] is '=' or '+' or '-' or '@' or '\t' or '\r').ShouldBeFalse($"{cell} still has a formula start");
            }
        }
    }

    [Fact]
    public async Task Export_Event_HeaderThenEveryColumnInOrderWithCrlf()
    {
        var csv = await ExportAsync(Event(detail: null, userAgent: "Mozilla/5.0, like Gecko"));

        csv.ShouldBe(AuditCsv.Header + "\r\n"
            + $"3,2026-11-23T09:00:00.120Z,sign_in,success,{_id},jane@example.com,{_id},jane@example.com,203.0.113.7,\"Mozilla/5.0, like Gecko\",,{new string('a', 64)}\r\n");
        AuditCsv.Header.Split(',').Length.ShouldBe(12);
    }

    private static AuditEventView Event(string? detail, string? userAgent) =>
        new(9, 3, new DateTimeOffset(2026, 11, 23, 9, 0, 0, 120, TimeSpan.Zero), "sign_in", "success",
            _id, "jane@example.com", _id, "jane@example.com", "203.0.113.7", userAgent, detail, new string('a', 64));

    private static async Task<string> ExportAsync(params AuditEventView[] events)
    {
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        await AuditCsv.WriteAsync(writer, events.ToAsyncEnumerable(), CancellationToken.None);
        return writer.ToString();
    }

    private static List<string[]> Read(string csv)
    {
        using var reader = CsvReader.Create(new StringReader(csv), new CsvReaderOptions { Separator = ',', HasHeader = false, TrimWhitespace = false }, leaveOpen: false);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i) ?? "")]);
        }

        return rows;
    }
}
