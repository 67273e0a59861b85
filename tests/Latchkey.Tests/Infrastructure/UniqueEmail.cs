namespace Latchkey.Tests.Infrastructure;

public static class UniqueEmail
{
    public static string New(string name = "user", string domain = "example.com") => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@" + domain;
}
