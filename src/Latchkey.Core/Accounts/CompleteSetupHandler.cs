using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Accounts;

/// <summary>
/// The setup link's form: creates the first Administrator, once. The token is spent only when the account is
/// created, so a password the policy refuses can be corrected on the same link.
/// </summary>
public sealed class CompleteSetupHandler(LatchkeyDbContext db, CreateAccountHandler createAccount, SetupToken setupToken)
{
    private static readonly SemaphoreSlim _serial = new(1, 1);

    public async Task<Result<CreatedAccount>> HandleAsync(string token, string email, string password, AuditContext context, CancellationToken cancellationToken = default)
    {
        await _serial.WaitAsync(cancellationToken);
        try
        {
            if (!setupToken.Matches(token) || await db.Users.AnyAsync(cancellationToken))
            {
                return Result<CreatedAccount>.Fail(ErrorCodes.NotFound, "This setup link is no longer valid.");
            }

            // The setup token was printed on the server's console: whoever holds it acts as the console, once.
            var created = await createAccount.HandleAsync(new CreateAccountCommand(email, Role.Administrator, Password: password), Actor.Console, context, cancellationToken);
            if (created.Succeeded)
            {
                setupToken.TryConsume(token);
            }

            return created;
        }
        finally
        {
            _serial.Release();
        }
    }
}
