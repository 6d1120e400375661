/** Evidence attachments as the API shows and takes them. */
import { Type } from 'typebox';
import { Base64File, Name, Nullable, Obj } from '../../server/http-schema.js';

export const UploadBody = Obj({
  fileName: Name({ maxLength: 1000, description: '仅用于显示；文件类型按内容识别' }),
  /** The file's bytes, base64-encoded (at most 20 MB once decoded), as the import routes take them. */
  content: Base64File('文件内容（base64），解码后最大 20 MB'),
});

export const AttachmentViewSchema = Obj(
  {
    id: Type.Integer(),
    fileName: Type.String(),
    mediaType: Type.String({ description: '按内容识别的类型' }),
    size: Type.Integer({ description: '字节数' }),
    checksum: Type.String({ description: '内容的 SM3 校验值，可用于核对下载的副本' }),
    uploadedBy: Nullable(Type.Integer()),
    createdAt: Type.String(),
  },
  { title: 'Attachment' },
);
