using System.Text;
using System.Text.RegularExpressions;

namespace Latchkey.Tests.Infrastructure;

/// <summary>
/// A raw RFC 5322 message as it arrived, read just far enough for tests: unfolded headers (RFC 2047 words decoded)
/// and, for multipart/alternative, each part's media type and decoded text (quoted-printable or base64).
/// </summary>
public sealed partial class ReceivedMail
{
    private readonly List<KeyValuePair<string, string>> _headers;

    private ReceivedMail(string raw, List<KeyValuePair<string, string>> headers, string body)
    {
        Raw = raw;
        _headers = headers;
        Body = body;
    }

    public string Raw { get; }

    /// <summary>The body as sent, undecoded.</summary>
    public string Body { get; }

    public static ReceivedMail Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var (headers, body) = Split(raw.Replace("\r\n", "\n", StringComparison.Ordinal));
        return new ReceivedMail(raw, headers, body);
    }

    /// <summary>Every value of the header <paramref name="name"/>, in order.</summary>
    public IReadOnlyList<string> Headers(string name) =>
        [.. _headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)];

    /// <summary>The one value of <paramref name="name"/>, or null.</summary>
    public string? Header(string name) => Headers(name).SingleOrDefault();

    /// <summary>
    /// The decoded text of every part with its media type, e.g. <c>text/plain</c>, line ends as <c>\n</c>; the whole
    /// body when not multipart.
    /// </summary>
    public IReadOnlyList<(string MediaType, string Text)> Parts()
    {
        var type = Header("Content-Type") ?? "text/plain";
        var boundary = BoundaryPattern().Match(type);
        if (!boundary.Success)
        {
            return [(MediaTypeOf(type), Decode(Body, Header("Content-Transfer-Encoding")))];
        }

        var delimiter = "--" + boundary.Groups[1].Value;
        var parts = new List<(string, string)>();
        foreach (var chunk in Body.Split(delimiter).Skip(1))
        {
            if (chunk.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            // The line break before a delimiter belongs to the delimiter (RFC 2046), not to the part.
            var (headers, content) = Split(chunk.TrimStart('\n'));
            content = content.EndsWith('\n') ? content[..^1] : content;
            string? Value(string name) => headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
            parts.Add((MediaTypeOf(Value("Content-Type") ?? "text/plain"), Decode(content, Value("Content-Transfer-Encoding")).ReplaceLineEndings("\n")));
        }

        return parts;
    }

    /// <summary>The decoded text of the one part of <paramref name="mediaType"/>.</summary>
    public string Part(string mediaType) => Parts().Single(p => p.MediaType == mediaType).Text;

    private static (List<KeyValuePair<string, string>> Headers, string Body) Split(string text)
    {
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? text : text[..end];
        var body = end < 0 ? "" : text[(end + 2)..];
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
            {
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + " " + line.Trim());
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
            {
                headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
            }
        }

        return ([.. headers.Select(h => new KeyValuePair<string, string>(h.Key, DecodeWords(h.Value)))], body);
    }

    private static string MediaTypeOf(string contentType) => contentType.Split(';')[0].Trim().ToLowerInvariant();

    private static string Decode(string content, string? transferEncoding)
    {
        switch (transferEncoding?.Trim().ToLowerInvariant())
        {
            case "base64":
                return Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(content.Where(c => !char.IsWhiteSpace(c)))));
            case "quoted-printable":
                return QuotedPrintable(content.Replace("=\n", "", StringComparison.Ordinal));
            default:
                return content;
        }
    }

    private static string QuotedPrintable(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static string DecodeWords(string value) => EncodedWordPattern().Replace(AdjacentWordsPattern().Replace(value, "?==?"), match =>
    {
        var payload = match.Groups[2].Value;
        return match.Groups[1].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(payload))
            : QuotedPrintable(payload.Replace('_', ' '));
    });

    [GeneratedRegex("boundary=\"?([^\";]+)\"?", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex AdjacentWordsPattern();

    [GeneratedRegex(@"=\?utf-8\?([BQ])\?([^?]*)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWordPattern();
}
