using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Latchkey.Tests.Infrastructure;

namespace Latchkey.Web.Tests.Infrastructure;

/// <summary>
/// A real nginx (Debian's package) in front of the given upstreams on 127.0.0.1 and a free port, with its own prefix,
/// configuration and logs in a temporary folder; one process (<c>master_process off</c>), stopped by its PID. It
/// retries idempotent requests on the next upstream when one fails (<c>proxy_next_upstream</c>), as a production
/// site would, and names the upstream that answered in an <c>X-Upstream</c> header.
/// </summary>
public sealed class NginxProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _prefix;

    private NginxProcess(Process process, string prefix, int port)
    {
        _process = process;
        _prefix = prefix;
        BaseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    public string BaseUrl { get; }

    public static async Task<NginxProcess> StartAsync(IEnumerable<string> upstreams)
    {
        ArgumentNullException.ThrowIfNull(upstreams);
        var prefix = Directory.CreateTempSubdirectory("latchkey-nginx-").FullName;
        var port = FreePorts.Next();
        var servers = string.Concat(upstreams.Select(u => $"        server {new Uri(u).Authority} max_fails=1 fail_timeout=30s;\n"));
        var config = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            master_process off;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 512; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                upstream latchkey {
            {{servers}}        keepalive 16;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://latchkey;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $remote_addr;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_next_upstream error timeout http_502 http_503;
                        proxy_next_upstream_tries 2;
                        proxy_connect_timeout 1s;
                        add_header X-Upstream $upstream_addr always;
                    }
                }
            }
            """);
        var start = new ProcessStartInfo(File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-p", prefix, "-c", config, "-e", Path.Combine(prefix, "error.log") })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start nginx; is the nginx package installed?");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var nginx = new NginxProcess(process, prefix, port);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (process.HasExited)
            {
                var log = Path.Combine(prefix, "error.log");
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {(File.Exists(log) ? await File.ReadAllTextAsync(log) : "")}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return nginx;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        nginx.Dispose();
        throw new TimeoutException("nginx did not listen within 20 s.");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }
    }
}
