using Latchkey;
using Latchkey.Cli;
using Latchkey.Core.Data;
using Latchkey.Core.Passwords;
using Latchkey.Hosting;

// latchkey [serve] [--urls URL]  runs the panel and the API; latchkey <noun> <verb> … runs an admin verb.
if (!Sodium.IsAvailable())
{
    await Console.Error.WriteLineAsync(Sodium.MissingMessage());
    return 3;
}

if (CliApp.IsCliVerb(args))
{
    return await CliApp.RunAsync(args, Console.In, Console.Out, Console.Error);
}

try
{
    var app = LatchkeyWebApplication.Build(CliApp.WithoutServeVerb(args));
    await app.RunAsync();
    return 0;
}
catch (StartupFailedException failure)
{
    await Console.Error.WriteLineAsync($"latchkey: {failure.Message}");
    return 1;
}
catch (Exception failure) when (StoreFaults.IsUnavailable(failure))
{
    // One line and exit code 3, as the CLI verbs do, instead of an unhandled exception's stack trace.
    var reason = failure is StoreUnavailableException ? failure.Message : $"the store is unavailable: {failure.GetBaseException().Message}";
    await Console.Error.WriteLineAsync($"latchkey: {reason.ReplaceLineEndings(" ")}");
    return 3;
}
