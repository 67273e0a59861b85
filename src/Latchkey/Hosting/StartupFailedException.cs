namespace Latchkey.Hosting;

/// <summary>A start-up problem the operator can fix (bad bootstrap settings); printed as one line, exit code 1.</summary>
public sealed class StartupFailedException : Exception
{
    public StartupFailedException()
    {
    }

    public StartupFailedException(string message)
        : base(message)
    {
    }

    public StartupFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
