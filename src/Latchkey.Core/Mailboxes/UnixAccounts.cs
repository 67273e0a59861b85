using System.Runtime.InteropServices;

namespace Latchkey.Core.Mailboxes;

/// <summary>
/// The few libc calls the Dovecot configuration needs: look a system user up (uid, gid, group name) and hand a
/// folder to it. Linux only, like Dovecot.
/// </summary>
internal static partial class UnixAccounts
{
    private const string Libc = "libc";

    /// <summary>The user's uid, primary gid and that group's name; null when no such user exists.</summary>
    public static (uint Uid, uint Gid, string Group)? Find(string userName)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        var passwd = GetPwNam(userName);
        if (passwd == IntPtr.Zero)
        {
            return null;
        }

        // struct passwd { char *pw_name; char *pw_passwd; uid_t pw_uid; gid_t pw_gid; … } on every 64-bit Linux.
        var uid = (uint)Marshal.ReadInt32(passwd, 2 * IntPtr.Size);
        var gid = (uint)Marshal.ReadInt32(passwd, (2 * IntPtr.Size) + 4);
        var group = GetGrGid(gid);

        // struct group { char *gr_name; … }
        var groupName = group == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(group));
        return (uid, gid, groupName ?? gid.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Gives <paramref name="path"/> to the user (needs root).</summary>
    public static void ChangeOwner(string path, uint uid, uint gid)
    {
        if (Chown(path, uid, gid) != 0)
        {
            throw new IOException($"Could not give {path} to uid {uid}: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport(Libc, EntryPoint = "getpwnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetPwNam(string name);

    [LibraryImport(Libc, EntryPoint = "getgrgid")]
    private static partial IntPtr GetGrGid(uint gid);

    [LibraryImport(Libc, EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Chown(string path, uint owner, uint group);
}
