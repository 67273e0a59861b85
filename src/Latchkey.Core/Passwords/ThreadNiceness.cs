using System.Runtime.InteropServices;

namespace Latchkey.Core.Passwords;

/// <summary>
/// Lowers the CPU priority of the calling thread on Linux (a thread is its own task there, so <c>setpriority</c> on
/// its thread id affects it alone). The hashing workers run niced, so requests that hash nothing keep their latency
/// while a sign-in flood keeps every core busy; idle cores still go to hashing in full.
/// </summary>
internal static partial class ThreadNiceness
{
    private const int PriorityProcess = 0;

    /// <summary>Sets the calling thread's nice value (0–19); false where that is not possible (not Linux, refused).</summary>
    public static bool TrySet(int nice)
    {
        if (nice <= 0 || !OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return SetPriority(PriorityProcess, (uint)GetTid(), nice) == 0;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The calling thread's nice value as the kernel reports it (tests read it back).</summary>
    public static int Current() => GetPriority(PriorityProcess, (uint)GetTid());

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, uint who, int priority);

    [LibraryImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    private static partial int GetPriority(int which, uint who);
}
