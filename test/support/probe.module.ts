import { Body, Controller, Delete, Get, HttpCode, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsInt, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { Page } from '../../src/common/http/page';
import { Public } from '../../src/modules/auth/public.decorator';

class ProbeLabelDto {
  @IsString()
  @Length(1, 10)
  label: string;
}

export class ProbeDto {
  @IsString()
  @Length(1, 10)
  name: string;

  @IsOptional()
  @IsInt()
  count?: number;

  @IsOptional()
  @ArrayMaxSize(3)
  @IsString({ each: true })
  @Length(1, 5, { each: true })
  tags?: string[];

  @IsOptional()
  @ValidateNested()
  @Type(() => ProbeLabelDto)
  nested?: ProbeLabelDto;
}

/** Routes that exist only in tests, to exercise the request pipeline before real modules do. */
@Public()
@Controller('probes')
export class ProbeController {
  @Post()
  create(@Body() body: ProbeDto): ProbeDto {
    return body;
  }

  @Get('list')
  list(): Page<{ n: number }> {
    return new Page([{ n: 1 }, { n: 2 }], { nextCursor: null, hasMore: false, limit: 20 });
  }

  @Get('boom')
  boom(): never {
    throw new Error('SELECT password_hash FROM users -- must never reach a client');
  }

  @Get('slow')
  async slow(): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 2_000).unref());
    return 'late';
  }

  @Delete('gone')
  @HttpCode(204)
  remove(): void {}
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
