using System.Globalization;

namespace Latchkey.Core.Audit;

/// <summary>
/// A head an operator wrote down earlier (<c>SEQUENCE:HASH</c>, as <c>latchkey audit verify</c> prints it). Checking
/// against it reveals what the chain alone cannot: records cut off after it, or the whole chain recomputed.
/// </summary>
public sealed record AuditAnchor(long Sequence, string Hash)
{
    public static bool TryParse(string? text, out AuditAnchor? anchor)
    {
        anchor = null;
        var parts = text?.Trim().Split(':');
        if (parts is not [var sequenceText, var hash]
            || !long.TryParse(sequenceText, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || sequence < 1
            || hash.Length != AuditChain.HashLength * 2
            || !hash.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        anchor = new AuditAnchor(sequence, hash.ToLowerInvariant());
        return true;
    }

    public override string ToString() => $"{Sequence.ToString(CultureInfo.InvariantCulture)}:{Hash}";
}
