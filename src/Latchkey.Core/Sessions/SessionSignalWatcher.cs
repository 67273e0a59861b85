using Latchkey.Core.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Sessions;

/// <summary>On SQLite, drops the session cache whenever another process (the CLI) raises <see cref="SessionSignalFile"/>.</summary>
public sealed class SessionSignalWatcher(SessionCache cache, SessionSignalFile signalFile, IOptions<DatabaseOptions> database) : IHostedService, IDisposable
{
    private FileSystemWatcher? _watcher;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (database.Value.ParsedProvider != DatabaseProvider.Sqlite)
        {
            return Task.CompletedTask;
        }

        signalFile.EnsureDirectory();
        _watcher = new FileSystemWatcher(signalFile.DirectoryPath, SessionSignalFile.FileName)
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => cache.Clear();
        _watcher.Created += (_, _) => cache.Clear();
        _watcher.Renamed += (_, _) => cache.Clear();
        _watcher.Error += (_, _) => cache.Clear();
        _watcher.EnableRaisingEvents = true;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_watcher is not null)
        {
            _watcher.EnableRaisingEvents = false;
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _watcher?.Dispose();
}
