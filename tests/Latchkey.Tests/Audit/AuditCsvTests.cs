using Latchkey.Core.Audit;

namespace Latchkey.Tests.Audit;

public sealed class AuditCsvTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("a=b", "a=b")]
    public void Cell_Value_QuotedAndDefused(string? value, string expected)
    {
        AuditCsv.Cell(value).ShouldBe(expected);
    }

    [Fact]
    public void Row_Event_EveryColumnOfTheHeaderInOrder()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var view = new AuditEventView(9, 3, new DateTimeOffset(2026, 11, 23, 9, 0, 0, 120, TimeSpan.Zero), "sign_in", "success",
            id, "jane@example.com", id, "jane@example.com", "203.0.113.7", "Mozilla/5.0, like Gecko", null, new string('a', 64));

        var row = AuditCsv.Row(view);

        AuditCsv.Header.Split(',').Length.ShouldBe(12);
        row.ShouldBe($"3,2026-11-23T09:00:00.120Z,sign_in,success,{id},jane@example.com,{id},jane@example.com,203.0.113.7,\"Mozilla/5.0, like Gecko\",,{new string('a', 64)}");
    }
}
