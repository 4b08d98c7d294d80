import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import { ServiceSaturatedError } from '../../common/errors/app-error';
import { ClientSignal } from '../../common/http/client-signal';
import { ApiEnvelope, ApiErrors } from '../../common/openapi/api-envelope.decorators';
import { ApiTag } from '../../common/openapi/api-tag.decorator';
import { ApiRateLimited } from '../../common/rate-limit/api-rate-limited.decorator';
import { StrictRateLimit } from '../../common/rate-limit/strict-rate-limit.decorator';
import { Public } from '../auth/public.decorator';
import { EmailTakenError } from '../users/user-accounts.service';
import { InvalidTokenError } from './accounts.errors';
import { AccountsService } from './accounts.service';
import { ACCEPTED, AcceptedResponse } from './dto/accepted.response';
import { AddressDto } from './dto/address.dto';
import { ConfirmEmailChangeDto } from './dto/confirm-email-change.dto';
import { ResetPasswordDto } from './dto/reset-password.dto';
import { VerifyEmailDto } from './dto/verify-email.dto';

const ADDRESS_LIMITED =
  'Too many requests from this client on the strict budget, or too many for this address in the window (RATE_LIMIT_MAIL_MAX, counted whoever asks, known address or not): retry after the Retry-After header';

/** The routes behind the links of account mails. Every one is public: the token or the address is the proof. */
@ApiTag('accounts', 'Email verification, password recovery and email change: the routes behind mailed links')
@Public()
@Controller('auth')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('email/verify')
  @HttpCode(204)
  @StrictRateLimit()
  @ApiOperation({
    summary: 'Verify an email address',
    description:
      'With the token of the link mailed at registration (or by a resend). The address shows as verified (`emailVerifiedAt`) on the full profile, and the account can sign in.',
  })
  @ApiResponse({ status: 204, description: 'Verified' })
  @ApiErrors(InvalidTokenError)
  async verifyEmail(@Body() body: VerifyEmailDto): Promise<void> {
    await this.accounts.verifyEmail(body.token);
  }

  @Post('email/verify/resend')
  @HttpCode(202)
  @StrictRateLimit()
  @ApiOperation({
    summary: 'Send a new verification link',
    description:
      'Always 202 with the same body: a mail goes out only if an account with an unverified address has it. The new link voids the earlier ones.',
  })
  @ApiEnvelope(AcceptedResponse, { status: 202, description: 'Accepted (whether or not an account has it)' })
  @ApiRateLimited(ADDRESS_LIMITED)
  async resendVerification(@Body() body: AddressDto): Promise<AcceptedResponse> {
    await this.accounts.resendVerification(body.email);
    return ACCEPTED;
  }

  @Post('password/forgot')
  @HttpCode(202)
  @StrictRateLimit()
  @ApiOperation({
    summary: 'Send a password-reset link',
    description:
      'Always 202 with the same body, in the same time: a mail goes out only if an active account has the address. The link works once, for PASSWORD_RESET_TTL (1 hour by default); a newer one or any password change voids it.',
  })
  @ApiEnvelope(AcceptedResponse, { status: 202, description: 'Accepted (whether or not an account has it)' })
  @ApiRateLimited(ADDRESS_LIMITED)
  async forgotPassword(@Body() body: AddressDto): Promise<AcceptedResponse> {
    await this.accounts.forgotPassword(body.email);
    return ACCEPTED;
  }

  @Post('password/reset')
  @HttpCode(204)
  @StrictRateLimit()
  @ApiOperation({
    summary: 'Set a new password with a reset link',
    description:
      "Registration's password rules apply. Signs the user out everywhere (every access and refresh token issued before stops working) and mails a notice; then sign in with the new password.",
  })
  @ApiResponse({ status: 204, description: 'Password set; sign in again' })
  @ApiErrors(InvalidTokenError, ServiceSaturatedError)
  async resetPassword(@Body() body: ResetPasswordDto, @ClientSignal() signal: AbortSignal): Promise<void> {
    await this.accounts.resetPassword(body.token, body.newPassword, signal);
  }

  @Post('email/confirm-change')
  @HttpCode(204)
  @StrictRateLimit()
  @ApiOperation({
    summary: 'Confirm an email change',
    description:
      'With the token of the link mailed to the new address (`PATCH /api/v1/users/me` asked for it). The account moves to it, verified. 409 `EMAIL_TAKEN` if another account took it meanwhile.',
  })
  @ApiResponse({ status: 204, description: 'The email changed' })
  @ApiErrors(InvalidTokenError, EmailTakenError)
  async confirmEmailChange(@Body() body: ConfirmEmailChangeDto): Promise<void> {
    await this.accounts.confirmEmailChange(body.token);
  }
}
