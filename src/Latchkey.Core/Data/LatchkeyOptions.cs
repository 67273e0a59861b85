namespace Latchkey.Core.Data;

/// <summary><c>Latchkey</c>: where the store and the mail outbox live. <see cref="DataDirectory"/> defaults to <c>./data</c>.</summary>
public sealed class LatchkeyOptions
{
    public const string SectionName = "Latchkey";

    public string DataDirectory { get; set; } = "data";

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}
