import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiSecurity,
  getSchemaPath,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import { Roles } from '../auth/roles.decorator';
import { ClientSignal } from '../../common/http/client-signal';
import type { Page } from '../../common/http/page';
import { ApiEnvelope, ApiErrors } from '../../common/openapi/api-envelope.decorators';
import { ApiTag } from '../../common/openapi/api-tag.decorator';
import { successEnvelopeSchema } from '../../common/openapi/envelope-schemas';
import { BEARER_AUTH } from '../../common/openapi/openapi';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { PaginationQueryDto } from '../../common/pagination/pagination-query.dto';
import { ServiceSaturatedError } from '../../common/errors/app-error';
import { AccountLockedError } from '../../common/rate-limit/account-locked.error';
import { ApiRateLimited } from '../../common/rate-limit/api-rate-limited.decorator';
import { StrictRateLimit } from '../../common/rate-limit/strict-rate-limit.decorator';
import { AdminUpdateUserDto } from './dto/admin-update-user.dto';
import { ChangePasswordDto } from './dto/change-password.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { DeleteMeDto } from './dto/delete-me.dto';
import { UpdateMeDto } from './dto/update-me.dto';
import { PublicProfileResponse, UserResponse } from './dto/user.response';
import {
  EmailTakenError,
  IncorrectCurrentPasswordError,
  LastAdminError,
  UserNotFoundError,
  UsernameTakenError,
} from './users.errors';
import { UsersService } from './users.service';

/**
 * What a route that confirms the current password throws: a wrong one, too many of them, or a 503
 * when too many password hashes are already waiting.
 */
const CURRENT_PASSWORD_ERRORS = [IncorrectCurrentPasswordError, AccountLockedError, ServiceSaturatedError];
const LOCKED_OUT =
  'Too many requests from this client on the strict budget, or too many wrong current passwords for this account in the window (RATE_LIMIT_ACCOUNT_MAX): retry after the Retry-After header';

/** A PATCH /users/me that checks a password (an email change, or any change with currentPassword). */
function confirmsPassword(req: { body?: unknown }): boolean {
  const body = req.body as Record<string, unknown> | undefined;
  return typeof body === 'object' && body !== null && ('email' in body || 'currentPassword' in body);
}

@ApiTag('users', 'Accounts and profiles')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Public()
  @StrictRateLimit()
  @ApiOperation({ summary: 'Register a new account' })
  @ApiEnvelope(UserResponse, { status: 201, description: 'The new account' })
  @ApiErrors(EmailTakenError, UsernameTakenError, ServiceSaturatedError)
  async register(@Body() body: CreateUserDto, @ClientSignal() signal: AbortSignal): Promise<UserResponse> {
    return this.users.register(body, signal);
  }

  @Get('me')
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({ summary: "The caller's full profile" })
  @ApiEnvelope(UserResponse)
  async me(@CurrentUser() caller: AuthUser): Promise<UserResponse> {
    return this.users.getById(caller.id);
  }

  @Patch('me')
  @StrictRateLimit(confirmsPassword)
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({
    summary: "Change the caller's username or email",
    description:
      'A username changes at once, with no password. An email change needs `currentPassword` (and is under the strict rate limit) and applies only once confirmed: the new address shows as `pendingEmail`, gets a mail whose link goes to `POST /api/v1/auth/email/confirm-change`, and the current address is told. Asking for the current address cancels a pending change. 409 `EMAIL_TAKEN` if another account has the address.',
  })
  @ApiEnvelope(UserResponse)
  @ApiErrors(EmailTakenError, UsernameTakenError, ...CURRENT_PASSWORD_ERRORS)
  @ApiRateLimited(LOCKED_OUT)
  async updateMe(@CurrentUser() caller: AuthUser, @Body() body: UpdateMeDto): Promise<UserResponse> {
    return this.users.updateProfile(caller.id, body);
  }

  @Put('me/password')
  @HttpCode(204)
  @StrictRateLimit()
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({
    summary: "Change the caller's password",
    description: 'Signs the user out everywhere: every access and refresh token issued before stops working.',
  })
  @ApiResponse({ status: 204, description: 'Password changed; sign in again' })
  @ApiErrors(...CURRENT_PASSWORD_ERRORS)
  @ApiRateLimited(LOCKED_OUT)
  async changePassword(@CurrentUser() caller: AuthUser, @Body() body: ChangePasswordDto): Promise<void> {
    await this.users.changePassword(caller.id, body.currentPassword, body.newPassword);
  }

  @Delete('me')
  @HttpCode(204)
  @StrictRateLimit()
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({
    summary: "Deactivate the caller's account",
    description:
      'Needs `{currentPassword}` in the body. The account can no longer sign in, and every token issued before stops working. The last active admin cannot (409 `LAST_ADMIN`).',
  })
  @ApiResponse({ status: 204, description: 'Deactivated' })
  @ApiErrors(LastAdminError, ...CURRENT_PASSWORD_ERRORS)
  @ApiRateLimited(LOCKED_OUT)
  async deactivate(@CurrentUser() caller: AuthUser, @Body() body: DeleteMeDto): Promise<void> {
    await this.users.deactivate(caller.id, body.currentPassword);
  }

  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @Public()
  // A token is optional: with one, the user itself and admins get the full profile.
  @ApiSecurity({})
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({
    summary: 'A user profile',
    description:
      'The public profile (`id`, `username`, `createdAt`); the full profile for the user itself and for admins.',
  })
  @ApiExtraModels(PublicProfileResponse, UserResponse)
  @ApiResponse({
    status: 200,
    description: 'The public or the full profile',
    schema: successEnvelopeSchema(200, {
      anyOf: [{ $ref: getSchemaPath(PublicProfileResponse) }, { $ref: getSchemaPath(UserResponse) }],
    }),
  })
  @ApiErrors(UserNotFoundError)
  async findOne(
    @Param('id', ParseIdPipe) id: string,
    @CurrentUser() caller: AuthUser | undefined,
  ): Promise<PublicProfileResponse | UserResponse> {
    return this.users.getVisibleTo(id, caller);
  }

  @Get()
  @Roles('admin')
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({ summary: 'List users, newest first (admins)' })
  @ApiEnvelope(UserResponse, { paginated: true })
  async list(@Query() query: PaginationQueryDto): Promise<Page<UserResponse>> {
    return this.users.list(query.limit, query.cursor);
  }

  @Patch(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @Roles('admin')
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({
    summary: "Set a user's role or active state (admins)",
    description:
      'Deactivating revokes every token of the user at once. A change that would leave no active admin is refused (409 `LAST_ADMIN`).',
  })
  @ApiEnvelope(UserResponse)
  @ApiErrors(UserNotFoundError, LastAdminError)
  async updateAccess(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: AdminUpdateUserDto,
  ): Promise<UserResponse> {
    return this.users.updateAccess(id, body);
  }
}
