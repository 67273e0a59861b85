namespace Latchkey.Core.Accounts;

public sealed record AccountImport(int Created, int Skipped);
