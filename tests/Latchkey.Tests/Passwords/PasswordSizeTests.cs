using Latchkey.Core.Common;
using Latchkey.Core.Passwords;

namespace Latchkey.Tests.Passwords;

public sealed class PasswordSizeTests
{
    [Fact]
    public void Check_AtTheLimit_Passes() =>
        PasswordSize.Check("password", new string('a', PasswordSize.MaxBytes)).ShouldBeNull();

    [Fact]
    public void Check_OneByteOver_RefusedWithTheOneMessage()
    {
        var failure = PasswordSize.Check("newPassword", new string('a', PasswordSize.MaxBytes + 1));

        failure.ShouldNotBeNull();
        failure.Code.ShouldBe(ErrorCodes.Validation);
        failure.Message.ShouldBe(PasswordSize.TooLongMessage);
        failure.Errors!.Keys.ShouldBe(["newPassword"]);
    }

    [Fact]
    public void IsTooLong_CountsUtf8Bytes_NotCharacters()
    {
        var euros = new string('€', (PasswordSize.MaxBytes / 3) + 1);

        euros.Length.ShouldBeLessThan(PasswordSize.MaxBytes);
        PasswordSize.IsTooLong(euros).ShouldBeTrue();
    }
}
