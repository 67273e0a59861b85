namespace Latchkey.Core.Data;

/// <summary>
/// The store cannot be used right now (its directory is read-only, the disk is full, the server is down): the API
/// answers 503 <c>unavailable</c>, <c>serve</c> and the CLI print the message and exit with code 3.
/// </summary>
public sealed class StoreUnavailableException : InvalidOperationException
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
