namespace Latchkey.Core.Data;

/// <summary>One ASP.NET Core Data Protection key ring element, shared by every node through the store.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string FriendlyName { get; set; } = "";

    public string Xml { get; set; } = "";
}
