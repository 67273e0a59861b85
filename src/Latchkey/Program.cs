using Latchkey.Cli;
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

var app = LatchkeyWebApplication.Build(CliApp.WithoutServeVerb(args));
try
{
    await app.RunAsync();
    return 0;
}
catch (StartupFailedException failure)
{
    await Console.Error.WriteLineAsync($"latchkey: {failure.Message}");
    return 1;
}
