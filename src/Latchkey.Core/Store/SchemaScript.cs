namespace Latchkey.Core.Store;

/// <summary>One numbered schema change for one provider.</summary>
public sealed record SchemaScript(int Version, string Name, string Sql);
